import { describe, expect, test } from 'vitest';
import { builtinSchemas } from '../../api/schemas.ts';
import { LIST_KEY_DEFAULTS, NON_POINTER_OPTIONAL_FIELDS } from './go-type-facts.ts';

describe('Go type facts', () => {
  test.each(Object.entries(NON_POINTER_OPTIONAL_FIELDS))(
    'every optional non-pointer field of %s exists and is optional',
    (name, fields) => {
      const definition = builtinSchemas.definition(name);
      expect(definition).toBeDefined();
      for (const field of fields) {
        expect(definition?.properties?.[field]?.ref, field).toBeDefined();
        expect(definition?.required ?? []).not.toContain(field);
      }
    },
  );

  test.each(Object.entries(LIST_KEY_DEFAULTS))('every defaulted list key of %s exists', (name, defaults) => {
    const definition = builtinSchemas.definition(name);
    for (const key of Object.keys(defaults)) expect(definition?.properties?.[key], key).toBeDefined();
  });
});
