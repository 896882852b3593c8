import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../api/object.ts';
import { setCSIDriverDefaults, setCSINodeDefaults, setStorageClassDefaults } from './storage.ts';

describe('storage defaults', () => {
  it('gives a storage class the Delete policy and Immediate binding', () => {
    const sc: KubeObject = { metadata: { name: 'fast' }, provisioner: 'csi.example.com' };
    setStorageClassDefaults(sc);
    expect(sc).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });

  it("keeps a storage class's own choices", () => {
    const sc: KubeObject = {
      metadata: { name: 'local' },
      provisioner: 'kubernetes.io/no-provisioner',
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
    };
    setStorageClassDefaults(sc);
    expect(sc).toMatchObject({ reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' });
  });

  it('fills every switch of a CSIDriver as a 1.32 cluster stores it', () => {
    const driver: KubeObject = { metadata: { name: 'csi.example.com' }, spec: {} };
    setCSIDriverDefaults(driver);
    expect(driver.spec).toEqual({
      attachRequired: true,
      podInfoOnMount: false,
      storageCapacity: false,
      fsGroupPolicy: 'ReadWriteOnceWithFSType',
      volumeLifecycleModes: ['Persistent'],
      requiresRepublish: false,
      seLinuxMount: false,
    });
  });

  it('writes a null driver list for a CSINode without drivers', () => {
    const node: KubeObject = { metadata: { name: 'node-1' } };
    setCSINodeDefaults(node);
    expect(node.spec).toEqual({ drivers: null });
  });
});
