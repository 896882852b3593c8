import { describe, expect, it } from 'vitest';
import { pathSegmentName, validateEmbeddedResources } from './embedded-resources.ts';
import { parseSchemaProps } from './schema-props.ts';
import { PIPELINE_SCHEMA } from './test-crds.ts';

const pipeline = parseSchemaProps(PIPELINE_SCHEMA);

function errorsFor(template: unknown): string[] {
  return validateEmbeddedResources({ metadata: {}, spec: { template } }, pipeline).map(String);
}

describe('validateEmbeddedResources', () => {
  it.each<[string, unknown, string[]]>([
    [
      'accepts a well-formed embedded resource',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
      [],
    ],
    ['accepts one without metadata', { apiVersion: 'v1', kind: 'Pod' }, []],
    [
      'requires apiVersion and kind',
      {},
      [
        'spec.template.apiVersion: Required value: must not be empty',
        'spec.template.kind: Required value: must not be empty',
      ],
    ],
    [
      'refuses an empty apiVersion and kind',
      { apiVersion: '', kind: '' },
      [
        'spec.template.apiVersion: Invalid value: "": must not be empty',
        'spec.template.kind: Invalid value: "": must not be empty',
      ],
    ],
    [
      'refuses an apiVersion with two slashes',
      { apiVersion: 'a/b/c', kind: 'Pod' },
      ['spec.template.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c'],
    ],
    [
      'refuses values that are not strings',
      { apiVersion: 1, kind: true },
      [
        'spec.template.apiVersion: Invalid value: 1: must be a string',
        'spec.template.kind: Invalid value: true: must be a string',
      ],
    ],
    [
      'refuses a kind that is no DNS-1035 label in lower case',
      { apiVersion: 'v1', kind: 'My_Kind' },
      [
        'spec.template.kind: Invalid value: "My_Kind": may have mixed case, but should otherwise match: ' +
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic " +
          "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [
      'validates metadata with path-segment names',
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a/b', labels: { 'bad key!': 'x' } } },
      [
        'spec.template.metadata.name: Invalid value: "a/b": may not contain \'/\'',
        expect.stringContaining('spec.template.metadata.labels: Invalid value: "bad key!"'),
      ],
    ],
    [
      'reports metadata of the wrong type',
      { apiVersion: 'v1', kind: 'Pod', metadata: { labels: 'x' } },
      [expect.stringMatching(/^spec\.template\.metadata: Invalid value: .*json: cannot unmarshal string/)],
    ],
  ])('%s', (_name, template, expected) => {
    expect(errorsFor(template)).toEqual(expected);
  });

  it('finds embedded resources in list items and map values', () => {
    const schema = parseSchemaProps({
      type: 'object',
      properties: {
        list: {
          type: 'array',
          items: {
            type: 'object',
            'x-kubernetes-embedded-resource': true,
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
        map: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            'x-kubernetes-embedded-resource': true,
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
    });
    expect(
      validateEmbeddedResources({ list: [{ kind: 'Pod' }], map: { a: { apiVersion: 'v1' } } }, schema).map(String),
    ).toEqual([
      'list[0].apiVersion: Required value: must not be empty',
      'map[a].kind: Required value: must not be empty',
    ]);
  });
});

describe('pathSegmentName', () => {
  it.each<[string, boolean, string[]]>([
    ['.', false, ["may not be '.'"]],
    ['..', false, ["may not be '..'"]],
    ['a/b%c', false, ["may not contain '/'", "may not contain '%'"]],
    ['.', true, []],
    ['Any Name', false, []],
  ])('judges %j (prefix %s)', (name, prefix, expected) => {
    expect(pathSegmentName(name, prefix)).toEqual(expected);
  });
});
