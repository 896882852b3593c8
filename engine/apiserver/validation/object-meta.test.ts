import { describe, expect, it } from 'vitest';
import type { ObjectMeta } from '../../api/object.ts';
import { validateObjectMeta, validateObjectMetaUpdate, validateTemplateObjectMeta } from './object-meta.ts';
import type { ObjectMetaOptions } from './object-meta.ts';
import { FieldPath } from '../errors/field-error.ts';
import { nameIsDNSLabel } from './names.ts';

const namespaced = { namespaced: true };

function messages(meta: ObjectMeta, options: ObjectMetaOptions = namespaced): string[] {
  return validateObjectMeta(meta, options).map(String);
}

describe('validateObjectMeta', () => {
  it.each<[string, ObjectMeta, string[]]>([
    ['a named object in a namespace is valid', { name: 'web', namespace: 'default' }, []],
    [
      'a missing name is required',
      { namespace: 'default' },
      ['metadata.name: Required value: name or generateName is required'],
    ],
    [
      'an upper-case name is invalid',
      { name: 'Web', namespace: 'default' },
      [
        expect.stringMatching(
          /^metadata\.name: Invalid value: "Web": a lowercase RFC 1123 subdomain/,
        ) as unknown as string,
      ],
    ],
    ['a namespaced object needs a namespace', { name: 'web' }, ['metadata.namespace: Required value']],
    [
      'a negative generation is invalid',
      { name: 'web', namespace: 'd', generation: -1 },
      ['metadata.generation: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'an owner reference needs a uid',
      {
        name: 'web',
        namespace: 'd',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: '' }],
      },
      ['metadata.ownerReferences.uid: Invalid value: "": uid must not be empty'],
    ],
    [
      'only one owner may be the controller',
      {
        name: 'web',
        namespace: 'd',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'A', name: 'a', uid: '1', controller: true },
          { apiVersion: 'v1', kind: 'B', name: 'b', uid: '2', controller: true },
        ],
      },
      [
        expect.stringContaining(
          'Only one reference can have Controller set to true. Found "true" in references for A/a and B/b',
        ) as unknown as string,
      ],
    ],
    [
      'an unqualified finalizer must be a standard one',
      { name: 'web', namespace: 'd', finalizers: ['custom'] },
      [
        'metadata.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
      ],
    ],
    [
      'orphan and foregroundDeletion cannot both be set',
      { name: 'web', namespace: 'd', finalizers: ['orphan', 'foregroundDeletion'] },
      [
        'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
      ],
    ],
  ])('%s', (_name, meta, expected) => {
    expect(messages(meta)).toEqual(expected);
  });

  it('forbids a namespace on a cluster-scoped kind', () => {
    expect(messages({ name: 'n1', namespace: 'default' }, { namespaced: false })).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
  });

  it('uses the kind name rule for names and generateName prefixes', () => {
    const options = { namespaced: false, validateName: nameIsDNSLabel };
    expect(messages({ name: 'a.b' }, options)).toEqual(['metadata.name: Invalid value: "a.b": must not contain dots']);
    expect(messages({ name: 'x', generateName: 'ns-' }, options)).toEqual([]);
  });

  it('leaves finalizer names alone for custom resources when asked', () => {
    expect(
      messages(
        { name: 'web', namespace: 'd', finalizers: ['custom'] },
        { namespaced: true, standardFinalizerNames: false },
      ),
    ).toEqual([]);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old: ObjectMeta = {
    name: 'web',
    namespace: 'd',
    uid: 'u1',
    resourceVersion: '5',
    generation: 3,
    creationTimestamp: '2024-01-01T00:00:00Z',
  };

  it.each<[string, ObjectMeta, string[]]>([
    ['an unchanged identity is valid', { ...old }, []],
    [
      'the name may not change',
      { ...old, name: 'other' },
      ['metadata.name: Invalid value: "other": field is immutable'],
    ],
    ['the uid may not change', { ...old, uid: 'u2' }, ['metadata.uid: Invalid value: "u2": field is immutable']],
    [
      'the generation may not go down',
      { ...old, generation: 2 },
      ['metadata.generation: Invalid value: 2: must not be decremented'],
    ],
    [
      'a resourceVersion is required',
      { ...old, resourceVersion: '' },
      ['metadata.resourceVersion: Invalid value: "": must be specified for an update'],
    ],
  ])('%s', (_name, meta, expected) => {
    expect(validateObjectMetaUpdate(meta, old).map(String)).toEqual(expected);
  });

  it('refuses new finalizers once deletion began', () => {
    const deleting = { ...old, deletionTimestamp: '2024-01-02T00:00:00Z', finalizers: ['a/b'] };
    expect(validateObjectMetaUpdate({ ...deleting, finalizers: ['a/b', 'c/d'] }, deleting).map(String)).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"c/d"}',
    ]);
  });
});

describe('validateTemplateObjectMeta', () => {
  it('allows only labels and annotations in a claim template', () => {
    const path = FieldPath.root('spec').child('volumeClaimTemplate', 'metadata');
    expect(
      validateTemplateObjectMeta({ labels: { a: 'b' }, name: 'x', creationTimestamp: null }, path).map(String),
    ).toEqual(['spec.volumeClaimTemplate.metadata.name: Forbidden: cannot be set']);
  });
});
