import { describe, expect, it } from 'vitest';
import { bodyFormat, negotiateOutput } from './negotiation.ts';

const KUBECTL_GET =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('negotiateOutput', () => {
  it.each([
    ['kubectl get asks for a v1 Table', KUBECTL_GET, { list: true, watch: false }, { format: 'table', version: 'v1' }],
    ['no Accept header means JSON', undefined, { list: false, watch: false }, { format: 'json' }],
    ['*/* means JSON', '*/*', { list: false, watch: false }, { format: 'json' }],
    ['YAML can be asked for', 'application/yaml', { list: false, watch: false }, { format: 'yaml' }],
    [
      'metadata-only lists are understood',
      'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json',
      { list: true, watch: false },
      { format: 'partial-metadata', version: 'v1' },
    ],
    [
      'protobuf falls back to the next choice',
      'application/vnd.kubernetes.protobuf,application/json',
      { list: false, watch: false },
      { format: 'json' },
    ],
  ])('%s', (_name, accept, options, expected) => {
    expect(negotiateOutput(accept, options)).toEqual(expected);
  });

  it('refuses a request that accepts only protobuf with 406', () => {
    expect(() => negotiateOutput('application/vnd.kubernetes.protobuf', { list: false, watch: false })).toThrow(
      /only the following media types are accepted/,
    );
  });
});

describe('bodyFormat', () => {
  it.each([
    [undefined, 'json'],
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['application/yaml', 'yaml'],
    ['application/vnd.kubernetes.protobuf', 'protobuf'],
    ['text/plain', undefined],
  ])('reads %s as %s', (contentType, expected) => {
    expect(bodyFormat(contentType)).toBe(expected);
  });
});
