// Tests of matching protobuf messages with Go structs to record JSON field traits.

import { describe, expect, it } from 'vitest';
import type { ProtoTable } from '../../engine/apiserver/protobuf/proto-table.ts';
import { extractJsonFieldTraits } from './extract-traits.ts';
import type { GoStructs } from './go-structs.ts';

const table: ProtoTable = {
  messages: {
    'k8s.io.api.x.v1.Spec': {
      fields: [
        { tag: 1, name: 'replicas', type: 'int32' },
        { tag: 2, name: 'source', type: 'k8s.io.api.x.v1.Source', inline: true },
        { tag: 3, name: 'aPIGroup', json: 'apiGroup', type: 'string' },
      ],
    },
    'k8s.io.api.x.v1.Source': { fields: [] },
    'k8s.io.apimachinery.pkg.apis.meta.v1.Time': { encoding: 'time', fields: [] },
  },
};

const structs: GoStructs = new Map([
  [
    'Spec',
    [
      { goName: 'TypeMeta', pointer: false, omitEmpty: false },
      { goName: 'APIGroup', json: 'apiGroup', pointer: true, omitEmpty: false, protobufName: 'aPIGroup' },
      { goName: 'Replicas', json: 'replicas', pointer: true, omitEmpty: true, protobufName: 'replicas' },
      { goName: 'Source', pointer: false, omitEmpty: false, protobufName: 'source' },
    ],
  ],
  ['Source', []],
]);

describe('extractJsonFieldTraits', () => {
  it('records pointer and omitempty per JSON field, in Go order, skipping hand-marshalled types', () => {
    const { traits, problems } = extractJsonFieldTraits(table, new Map([['k8s.io.api.x.v1', structs]]));
    expect(problems).toEqual([]);
    expect(traits).toEqual({ 'k8s.io.api.x.v1.Source': {}, 'k8s.io.api.x.v1.Spec': { apiGroup: 'p', replicas: 'po' } });
    expect(Object.keys(traits['k8s.io.api.x.v1.Spec'] ?? {})).toEqual(['apiGroup', 'replicas']);
  });

  it('reports where the proto table and Go disagree', () => {
    const renamed: GoStructs = new Map([
      ['Spec', [{ goName: 'Replicas', json: 'count', pointer: true, omitEmpty: true, protobufName: 'replicas' }]],
    ]);
    const { problems } = extractJsonFieldTraits(table, new Map([['k8s.io.api.x.v1', renamed]]));
    expect(problems).toEqual([
      'k8s.io.api.x.v1.Source: no Go struct',
      'k8s.io.api.x.v1.Spec.replicas: JSON name replicas in proto.json, count in Go',
      'k8s.io.api.x.v1.Spec.source: no Go field',
      'k8s.io.api.x.v1.Spec.aPIGroup: no Go field',
    ]);
  });
});
