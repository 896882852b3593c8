import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { storageResources } from './index.ts';

const ctx = (): StrategyContext => ({ user: { username: 'u', groups: [] }, now: 0, namespace: '', warnings: [] });
const byResource = (resource: string) => storageResources.find((d) => d.resource === resource)!;

describe('storage.k8s.io resources', () => {
  const discovery: [string, string, boolean, string[] | undefined, string[], boolean][] = [
    ['csidrivers', 'CSIDriver', false, undefined, [], true],
    ['csinodes', 'CSINode', false, undefined, [], false],
    ['csistoragecapacities', 'CSIStorageCapacity', true, undefined, [], false],
    ['storageclasses', 'StorageClass', false, ['sc'], [], false],
    ['volumeattachments', 'VolumeAttachment', false, undefined, ['status'], false],
  ];
  it.each(discovery)(
    'serves %s as a real cluster discovers it',
    (resource, kind, namespaced, shortNames, subresources, generation) => {
      const d = byResource(resource);
      expect(d).toMatchObject({
        group: 'storage.k8s.io',
        version: 'v1',
        kind,
        listKind: `${kind}List`,
        singular: kind.toLowerCase(),
        namespaced,
      });
      expect(d.shortNames).toEqual(shortNames);
      expect(Object.keys(d.subresources ?? {})).toEqual(subresources);
      expect(d.schema).toBe(definitionForGVK('storage.k8s.io', 'v1', kind));
      expect(d.storagePrefix).toBeUndefined();
      expect(d.strategy.tracksGeneration ?? false).toBe(generation);
    },
  );

  it('stores a new volume attachment as not attached yet', () => {
    const va: KubeObject = { metadata: { name: 'csi-1' }, spec: {}, status: { attached: true } };
    byResource('volumeattachments').strategy.prepareForCreate?.(va, ctx());
    expect(va.status).toEqual({ attached: false });
  });

  it('validates a defaulted storage class on update as on create', () => {
    const { strategy } = byResource('storageclasses');
    const sc: KubeObject = { metadata: { name: 'fast' }, provisioner: 'csi.example.com', reclaimPolicy: 'Recycle' };
    strategy.defaults?.(sc);
    expect(strategy.validateUpdate?.(sc, sc, ctx()).map(String)).toEqual([
      'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"',
    ]);
  });
});
