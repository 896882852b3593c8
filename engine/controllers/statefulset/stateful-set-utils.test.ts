import { describe, expect, it } from 'vitest';
import type { Pod } from '../common/workload-types.ts';
import {
  identityMatches,
  newStatefulSetPod,
  newVersionedStatefulSetPod,
  parentNameAndOrdinal,
  persistentVolumeClaimsFor,
  podInOrdinalRange,
  podRevision,
  storageMatches,
} from './stateful-set-utils.ts';
import type { StatefulSet, StatefulSetSpec } from './statefulset-types.ts';

function set(spec: Partial<StatefulSetSpec> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'set-uid' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }], volumes: [{ name: 'config', emptyDir: {} }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www', labels: { tier: 'data' } }, spec: { accessModes: ['RWO'] } }],
      ...spec,
    },
  };
}

describe('the parent and ordinal of a pod name', () => {
  it.each([
    ['web-0', 'web', 0],
    ['my-web-12', 'my-web', 12],
    ['web-01', 'web', 1],
    ['web', '', -1],
    ['web-', '', -1],
    ['web-x', '', -1],
    ['web-99999999999', 'web', -1],
  ])('reads %s as parent %j and ordinal %i', (name, parent, ordinal) => {
    expect(parentNameAndOrdinal(name)).toEqual({ parent, ordinal });
  });
});

describe('the ordinal range of a set', () => {
  it.each([
    ['web-0', {}, true],
    ['web-2', {}, true],
    ['web-3', {}, false],
    ['web-4', { ordinals: { start: 2 } }, true],
    ['web-1', { ordinals: { start: 2 } }, false],
    ['web-5', { ordinals: { start: 2 } }, false],
  ])('holds %s with %j: %s', (name, spec, inRange) => {
    expect(podInOrdinalRange({ metadata: { name } }, set(spec))).toBe(inRange);
  });
});

describe('a new pod of a set', () => {
  const pod = newStatefulSetPod(set(), 1);

  it('is named for its ordinal, labelled with its identity, and owned by the set', () => {
    expect(pod.metadata).toMatchObject({
      name: 'web-1',
      generateName: 'web-',
      labels: { app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid', controller: true }],
    });
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
  });

  it('mounts its own claim for each template and keeps the template volumes', () => {
    expect(pod.spec?.['volumes']).toEqual([
      { name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } },
      { name: 'config', emptyDir: {} },
    ]);
  });

  it('matches its identity and storage, and stops matching when either drifts', () => {
    expect(identityMatches(set(), pod)).toBe(true);
    expect(storageMatches(set(), pod)).toBe(true);
    const relabelled: Pod = { ...pod, metadata: { ...pod.metadata, labels: { app: 'web' } } };
    expect(identityMatches(set(), relabelled)).toBe(false);
    const unmounted: Pod = { ...pod, spec: { ...pod.spec, volumes: [] } };
    expect(storageMatches(set(), unmounted)).toBe(false);
    expect(identityMatches(set(), { ...pod, metadata: { ...pod.metadata, namespace: 'other' } })).toBe(false);
  });
});

describe('the claims of a pod', () => {
  it('are named <template>-<set>-<ordinal> and labelled with the template labels and the selector', () => {
    const claims = persistentVolumeClaimsFor(set(), { metadata: { name: 'web-2' } });
    expect([...claims.keys()]).toEqual(['www']);
    expect(claims.get('www')).toMatchObject({
      metadata: { name: 'www-web-2', namespace: 'default', labels: { tier: 'data', app: 'web' } },
      spec: { accessModes: ['RWO'] },
    });
  });
});

describe('the revision a new pod is made from', () => {
  const currentSet = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
  const updateSet = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
  updateSet.spec!.template!.spec!.containers = [{ name: 'nginx', image: 'nginx:new' }];

  it.each([
    [0, 'web-current', 'nginx'],
    [1, 'web-current', 'nginx'],
    [2, 'web-update', 'nginx:new'],
  ])('with partition 2 gives ordinal %i the revision %s', (ordinal, revision, image) => {
    const pod = newVersionedStatefulSetPod(currentSet, updateSet, 'web-current', 'web-update', ordinal);
    expect(podRevision(pod)).toBe(revision);
    expect(pod.spec?.containers?.[0]?.['image']).toBe(image);
  });

  it('is always the update revision with OnDelete', () => {
    const onDelete = set({ updateStrategy: { type: 'OnDelete' } });
    expect(podRevision(newVersionedStatefulSetPod(onDelete, onDelete, 'web-current', 'web-update', 0))).toBe(
      'web-update',
    );
  });
});
