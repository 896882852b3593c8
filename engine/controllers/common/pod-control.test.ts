import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { podFromTemplate, podsPrefix } from './pod-control.ts';

const owner: KubeObject = { metadata: { name: 'web-5d8f6f9b7', namespace: 'default', uid: 'u1' } };
const ref = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  name: 'web-5d8f6f9b7',
  uid: 'u1',
  controller: true,
  blockOwnerDeletion: true,
};

describe('pods from a template', () => {
  it('copies labels, annotations, finalizers and the spec, and names pods after the owner', () => {
    const pod = podFromTemplate(
      {
        metadata: { name: 'ignored', labels: { app: 'web' }, annotations: { a: '1' }, finalizers: ['x/y'] },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
      owner,
      ref,
    );
    expect(pod).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'web-5d8f6f9b7-',
        labels: { app: 'web' },
        annotations: { a: '1' },
        finalizers: ['x/y'],
        ownerReferences: [ref],
      },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
  });

  const prefixes = [
    { name: 'a dash follows the owner name', owner: 'web', expected: 'web-' },
    { name: 'a name too long for a dash is used alone', owner: 'a'.repeat(253), expected: 'a'.repeat(253) },
  ];
  for (const c of prefixes) it(c.name, () => expect(podsPrefix(c.owner)).toBe(c.expected));
});
