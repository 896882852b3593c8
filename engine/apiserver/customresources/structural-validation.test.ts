import { describe, expect, it } from 'vitest';
import { parseSchemaProps } from './schema-props.ts';
import { validateListTypes, validateSchema, validateStatusSchema } from './structural-validation.ts';
import { CRON_TAB_SCHEMA } from './test-crds.ts';

/** The messages for `spec.x` holding `value` under a field schema. */
function messages(field: Record<string, unknown>, value: unknown): string[] {
  const schema = parseSchemaProps({
    type: 'object',
    properties: { spec: { type: 'object', properties: { x: field } } },
  });
  return validateSchema({ metadata: {}, spec: { x: value } }, schema).map(String);
}

const cronTab = parseSchemaProps(CRON_TAB_SCHEMA);

describe('validateSchema', () => {
  it.each<[string, Record<string, unknown>, unknown, string[]]>([
    [
      'a string where an integer belongs',
      { type: 'integer' },
      'string',
      ['spec.x: Invalid value: "string": spec.x in body must be of type integer: "string"'],
    ],
    [
      'a float where an integer belongs',
      { type: 'integer' },
      1.5,
      ['spec.x: Invalid value: "number": spec.x in body must be of type integer: "number"'],
    ],
    ['an integer where a number belongs', { type: 'number' }, 3, []],
    [
      'null for a non-nullable field',
      { type: 'string' },
      null,
      ['spec.x: Invalid value: "null": spec.x in body must be of type string: "null"'],
    ],
    ['null for a nullable field', { type: 'string', nullable: true }, null, []],
    [
      'an object where an array belongs',
      { type: 'array' },
      {},
      ['spec.x: Invalid value: "object": spec.x in body must be of type array: "object"'],
    ],
    [
      'a boolean for int-or-string',
      { 'x-kubernetes-int-or-string': true },
      true,
      ['spec.x: Invalid value: "boolean": spec.x in body must be of type integer,string: "boolean"'],
    ],
    ['a string for int-or-string', { 'x-kubernetes-int-or-string': true }, '50%', []],
    [
      'a value outside the enum',
      { type: 'string', enum: ['a', 'b'] },
      'x',
      ['spec.x: Unsupported value: "x": supported values: "a", "b"'],
    ],
    [
      'a number outside a numeric enum',
      { type: 'integer', enum: [1, 2] },
      3,
      ['spec.x: Unsupported value: 3: supported values: "1", "2"'],
    ],
    ['a number inside a numeric enum', { type: 'integer', enum: [1, 2] }, 2, []],
    [
      'a value above maximum',
      { type: 'integer', maximum: 10 },
      20,
      ['spec.x: Invalid value: 20: spec.x in body should be less than or equal to 10'],
    ],
    [
      'a value at an exclusive maximum',
      { type: 'integer', maximum: 10, exclusiveMaximum: true },
      10,
      ['spec.x: Invalid value: 10: spec.x in body should be less than 10'],
    ],
    [
      'a value below minimum',
      { type: 'number', minimum: 0.5 },
      0.25,
      ['spec.x: Invalid value: 0.25: spec.x in body should be greater than or equal to 0.5'],
    ],
    [
      'a value at an exclusive minimum',
      { type: 'integer', minimum: 1, exclusiveMinimum: true },
      1,
      ['spec.x: Invalid value: 1: spec.x in body should be greater than 1'],
    ],
    [
      'an integer compared with a truncated fractional maximum',
      { type: 'integer', maximum: 1.5 },
      2,
      ['spec.x: Invalid value: 2: spec.x in body should be less than or equal to 1'],
    ],
    [
      'a value that is not a multiple',
      { type: 'integer', multipleOf: 5 },
      12,
      ['spec.x: Invalid value: 12: spec.x in body should be a multiple of 5'],
    ],
    ['a float that is a multiple of a fraction', { type: 'number', multipleOf: 0.1 }, 0.3, []],
    ['a string too long', { type: 'string', maxLength: 3 }, 'abcd', ['spec.x: Too long: may not be more than 3 bytes']],
    [
      'a string too short',
      { type: 'string', minLength: 3 },
      'ab',
      ['spec.x: Invalid value: "ab": spec.x in body should be at least 3 chars long'],
    ],
    ['a length counted in characters', { type: 'string', maxLength: 2 }, 'éé', []],
    [
      'a string not matching the pattern',
      { type: 'string', pattern: '^[a-z]+$' },
      'A1',
      ['spec.x: Invalid value: "A1": spec.x in body should match \'^[a-z]+$\''],
    ],
    [
      'a string in a bad format',
      { type: 'string', format: 'date-time' },
      'yesterday',
      ['spec.x: Invalid value: "yesterday": spec.x in body must be of type date-time: "yesterday"'],
    ],
    ['a string in an unsupported format', { type: 'string', format: 'k8s-short-name' }, 'Not A Name', []],
    ['too many items', { type: 'array', maxItems: 1 }, [1, 2], ['spec.x: Too many: 2: must have at most 1 items']],
    [
      'too few items',
      { type: 'array', minItems: 2 },
      [1],
      ['spec.x: Invalid value: 1: spec.x in body should have at least 2 items'],
    ],
    [
      'duplicate items',
      { type: 'array', uniqueItems: true },
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ],
      ['spec.x: Invalid value: "": spec.x in body shouldn\'t contain duplicates'],
    ],
    [
      'too many properties',
      { type: 'object', maxProperties: 1 },
      { a: 1, b: 2 },
      ['spec.x: Too many: 2: must have at most 1 items'],
    ],
    [
      'too few properties',
      { type: 'object', minProperties: 2 },
      { a: 1 },
      ['spec.x: Invalid value: 1: spec.x in body should have at least 2 properties'],
    ],
    [
      'a key additionalProperties forbids',
      { type: 'object', additionalProperties: false, properties: { a: {} } },
      { a: 1, b: 2 },
      ['spec.x: Invalid value: "b": spec.x.b in body is a forbidden property'],
    ],
    [
      'a map value of the wrong type',
      { type: 'object', additionalProperties: { type: 'string' } },
      { k: 1 },
      ['spec.x.k: Invalid value: "integer": spec.x.k in body must be of type string: "integer"'],
    ],
    [
      'a missing required field',
      { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      {},
      ['spec.x.name: Required value'],
    ],
    [
      'an item of the wrong type',
      { type: 'array', items: { type: 'string' } },
      ['a', 2],
      ['spec.x[1]: Invalid value: "integer": spec.x[1] in body must be of type string: "integer"'],
    ],
    [
      'a value matching no anyOf branch',
      { anyOf: [{ type: 'integer' }, { type: 'string' }] },
      true,
      [
        '<nil>: Invalid value: "": "spec.x" must validate at least one schema (anyOf)',
        'spec.x: Invalid value: "boolean": spec.x in body must be of type integer: "boolean"',
      ],
    ],
    [
      'a value matching two oneOf branches',
      { oneOf: [{ minimum: 1 }, { maximum: 10 }] },
      5,
      ['<nil>: Invalid value: "": "spec.x" must validate one and only one schema (oneOf). Found 2 valid alternatives'],
    ],
    [
      'a value failing an allOf branch',
      { allOf: [{ minimum: 1 }, { maximum: 10 }] },
      11,
      [
        'spec.x: Invalid value: 11: spec.x in body should be less than or equal to 10',
        '<nil>: Invalid value: "": "spec.x" must validate all the schemas (allOf)',
      ],
    ],
    [
      'a value matching not',
      { not: { type: 'string', enum: ['forbidden'] } },
      'forbidden',
      ['<nil>: Invalid value: "": "spec.x" must not validate the schema (not)'],
    ],
  ])('reports %s', (_name, field, value, expected) => {
    expect(messages(field, value)).toEqual(expected);
  });

  it('reports the CronTab examples of the Kubernetes documentation', () => {
    const obj = {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: {},
      spec: { cronSpec: '* * * *', replicas: 15 },
    };
    expect(validateSchema(obj, cronTab).map(String)).toEqual([
      'spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match \'^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$\'',
      'spec.replicas: Invalid value: 15: spec.replicas in body should be less than or equal to 10',
    ]);
    expect(validateSchema({ metadata: {}, spec: {} }, cronTab).map(String)).toEqual(['spec.cronSpec: Required value']);
  });

  it('names a missing required field of the root by its name', () => {
    const schema = parseSchemaProps({ type: 'object', required: ['spec'] });
    expect(validateSchema({ metadata: {} }, schema).map(String)).toEqual(['spec: Required value']);
  });

  it('validates name restrictions the schema puts on metadata', () => {
    const schema = parseSchemaProps({
      type: 'object',
      properties: { metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 5 } } } },
    });
    expect(validateSchema({ metadata: { name: 'too-long' } }, schema).map(String)).toEqual([
      'metadata.name: Too long: may not be more than 5 bytes',
    ]);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['keeps quiet about a value that did not change', { replicas: 20 }, { replicas: 20, image: 'b' }, []],
    [
      'reports a value that changed',
      { replicas: 20 },
      { replicas: 30 },
      ['spec.replicas: Invalid value: 30: spec.replicas in body should be less than or equal to 10'],
    ],
    [
      'reports a value that is new',
      {},
      { replicas: 30 },
      ['spec.replicas: Invalid value: 30: spec.replicas in body should be less than or equal to 10'],
    ],
  ])('on update, ratcheting %s', (_name, oldSpec, newSpec, expected) => {
    const old = { metadata: {}, spec: { cronSpec: '* * * * *', ...oldSpec } };
    const obj = { metadata: {}, spec: { cronSpec: '* * * * *', ...newSpec } };
    expect(validateSchema(obj, cronTab, old).map(String)).toEqual(expected);
  });

  it('on update, ratchets items of a list-map by their keys', () => {
    const schema = parseSchemaProps({
      type: 'object',
      properties: {
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer', maximum: 100 } } },
        },
      },
    });
    const old = { metadata: {}, ports: [{ name: 'a', port: 500 }] };
    const obj = {
      metadata: {},
      ports: [
        { name: 'b', port: 600 },
        { name: 'a', port: 500 },
      ],
    };
    expect(validateSchema(obj, schema, old).map(String)).toEqual([
      'ports[0].port: Invalid value: 600: ports[0].port in body should be less than or equal to 100',
    ]);
  });
});

describe('validateStatusSchema', () => {
  it('validates status alone, with paths under status and messages relative to it', () => {
    const obj = { metadata: {}, spec: { replicas: 'bad' }, status: { replicas: 'many' } };
    expect(validateStatusSchema(obj, cronTab).map(String)).toEqual([
      'status.replicas: Invalid value: "string": replicas in body must be of type integer: "string"',
    ]);
  });

  it('reports nothing without a status', () => {
    expect(validateStatusSchema({ metadata: {}, spec: { replicas: 'bad' } }, cronTab)).toEqual([]);
  });
});

describe('validateListTypes', () => {
  const schema = parseSchemaProps({
    type: 'object',
    properties: { tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } },
  });

  it('reports duplicates on create', () => {
    expect(validateListTypes({ metadata: {}, tags: ['a', 'a'] }, schema).map(String)).toEqual([
      'tags[1]: Duplicate value: "a"',
    ]);
  });

  it('lets an update through when the old object had duplicates already', () => {
    expect(validateListTypes({ metadata: {}, tags: ['b', 'b'] }, schema, { metadata: {}, tags: ['a', 'a'] })).toEqual(
      [],
    );
  });
});
