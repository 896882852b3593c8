import { describe, expect, it } from 'vitest';
import { FieldPath } from '../errors/field-error.ts';
import { validateAnnotations, validateLabels } from './labels.ts';

describe('labels and annotations', () => {
  it('reports an invalid label value at the labels path', () => {
    const errs = validateLabels({ app: 'web server' }, FieldPath.root('metadata').child('labels'));
    expect(errs.map(String)).toEqual([
      expect.stringMatching(/^metadata\.labels: Invalid value: "web server": a valid label must be/),
    ]);
  });

  it('checks annotation keys case-insensitively', () => {
    expect(validateAnnotations({ 'Example.COM/Key': 'x' }, FieldPath.root('metadata').child('annotations'))).toEqual(
      [],
    );
  });

  it('limits all annotations together to 256 KiB', () => {
    const errs = validateAnnotations({ big: 'x'.repeat(256 * 1024) }, FieldPath.root('metadata').child('annotations'));
    expect(errs.map(String)).toEqual(['metadata.annotations: Too long: may not be more than 262144 bytes']);
  });
});
