import { describe, expect, it } from 'vitest';

import { FieldError } from '../errors/field-error.ts';
import type { Json } from './access.ts';
import { validateRuntimeClass, validateRuntimeClassUpdate } from './node.ts';

/** Messages with composite bad values masked as "…", so they do not depend on how Go literals are rendered. */
const messages = (errs: FieldError[]): string[] =>
  errs.map((e) =>
    String(
      typeof e.badValue === 'object' && e.badValue !== null ? new FieldError(e.type, e.field, '…', e.detail, false) : e,
    ),
  );

describe('validateRuntimeClass', () => {
  const cases: [string, Json, string[]][] = [
    [
      'accepts a gVisor class with overhead and scheduling',
      {
        handler: 'runsc',
        overhead: { podFixed: { cpu: '250m', memory: '120Mi' } },
        scheduling: { nodeSelector: { sandbox: 'gvisor' } },
      },
      [],
    ],
    [
      'requires the handler to be a DNS label',
      { handler: 'run.sc' },
      ['handler: Invalid value: "run.sc": must not contain dots'],
    ],
    [
      'rejects a repeated toleration',
      {
        handler: 'runsc',
        scheduling: {
          tolerations: [
            { key: 'k', operator: 'Exists' },
            { key: 'k', operator: 'Exists' },
          ],
        },
      },
      ['scheduling.tolerations[1]: Duplicate value: "…"'],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(messages(validateRuntimeClass(obj))).toEqual(expected);
  });

  it('refuses to change the handler', () => {
    expect(messages(validateRuntimeClassUpdate({ handler: 'kata' }, { handler: 'runsc' }))).toEqual([
      'handler: Invalid value: "kata": field is immutable',
    ]);
  });
});
