import { describe, expect, it } from 'vitest';
import type { OwnerReference } from '../../api/object.ts';
import type { Pod } from '../common/workload-types.ts';
import { isClaimOwnerUpToDate, updateClaimOwnerRefForSetAndPod } from './claim-retention.ts';
import type { PersistentVolumeClaim, RetentionPolicyType, StatefulSet } from './statefulset-types.ts';

function set(whenDeleted: RetentionPolicyType, whenScaled: RetentionPolicyType): StatefulSet {
  return {
    metadata: { name: 'web', namespace: 'default', uid: 'set-uid' },
    spec: { replicas: 2, persistentVolumeClaimRetentionPolicy: { whenDeleted, whenScaled } },
  };
}

const inRange: Pod = { metadata: { name: 'web-1', uid: 'pod-1' } };
const scaledDown: Pod = { metadata: { name: 'web-2', uid: 'pod-2' } };
const SET_REF: OwnerReference = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  name: 'web',
  uid: 'set-uid',
  controller: true,
  blockOwnerDeletion: true,
};
const podRef = (pod: Pod): OwnerReference => ({
  apiVersion: 'v1',
  kind: 'Pod',
  name: pod.metadata.name ?? '',
  uid: pod.metadata.uid ?? '',
  controller: true,
  blockOwnerDeletion: true,
});

function claim(ownerReferences?: OwnerReference[]): PersistentVolumeClaim {
  return { metadata: { name: 'www-web', namespace: 'default', ownerReferences } };
}

describe('the owners a claim gets from the retention policy', () => {
  it.each([
    ['Retain', 'Retain', inRange, []],
    ['Retain', 'Retain', scaledDown, []],
    ['Delete', 'Retain', inRange, ['StatefulSet']],
    ['Delete', 'Retain', scaledDown, ['StatefulSet']],
    ['Retain', 'Delete', inRange, []],
    ['Retain', 'Delete', scaledDown, ['Pod']],
    ['Delete', 'Delete', inRange, ['StatefulSet']],
    ['Delete', 'Delete', scaledDown, ['Pod']],
  ] as const)('whenDeleted %s, whenScaled %s, for %o: owned by %j', (whenDeleted, whenScaled, pod, owners) => {
    const policy = set(whenDeleted, whenScaled);
    const pvc = claim();
    expect(isClaimOwnerUpToDate(pvc, policy, pod)).toBe(owners.length === 0);
    updateClaimOwnerRefForSetAndPod(pvc, policy, pod);
    expect((pvc.metadata.ownerReferences ?? []).map((ref) => ref.kind)).toEqual(owners);
    expect(isClaimOwnerUpToDate(pvc, policy, pod)).toBe(true);
  });

  it('moves the claim from the set to the pod once the pod is scaled away', () => {
    const pvc = claim([SET_REF]);
    const policy = set('Delete', 'Delete');
    expect(isClaimOwnerUpToDate(pvc, policy, scaledDown)).toBe(false);
    updateClaimOwnerRefForSetAndPod(pvc, policy, scaledDown);
    expect(pvc.metadata.ownerReferences).toEqual([podRef(scaledDown)]);
  });

  it('drops its references when the policy goes back to Retain', () => {
    const pvc = claim([SET_REF]);
    expect(isClaimOwnerUpToDate(pvc, set('Retain', 'Retain'), inRange)).toBe(false);
    updateClaimOwnerRefForSetAndPod(pvc, set('Retain', 'Retain'), inRange);
    expect(pvc.metadata.ownerReferences).toEqual([]);
  });

  it('leaves alone a claim another controller owns, or one referring to an earlier set of the same name', () => {
    const other = { apiVersion: 'v1', kind: 'Thing', name: 'x', uid: 'x', controller: true };
    expect(isClaimOwnerUpToDate(claim([other]), set('Delete', 'Delete'), inRange)).toBe(true);
    const stale = { ...SET_REF, uid: 'old-set-uid' };
    expect(isClaimOwnerUpToDate(claim([stale]), set('Delete', 'Delete'), inRange)).toBe(true);
  });

  it('makes a set that owns without controlling the controller', () => {
    const pvc = claim([{ ...SET_REF, controller: false }]);
    expect(isClaimOwnerUpToDate(pvc, set('Delete', 'Retain'), inRange)).toBe(false);
    updateClaimOwnerRefForSetAndPod(pvc, set('Delete', 'Retain'), inRange);
    expect(pvc.metadata.ownerReferences).toEqual([SET_REF]);
  });
});
