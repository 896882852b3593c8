import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { storagePrinters } from './storage.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const object = (kind: string, fields: Record<string, unknown>, metadata: object = {}): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind,
  metadata: { name: 'x', creationTimestamp: '2025-03-01T09:00:00Z', ...metadata },
  ...fields,
});

const printer = (kind: string) => {
  const found = storagePrinters[kind];
  if (!found) throw new Error(`no printer for ${kind}`);
  return found;
};

describe('storagePrinters', () => {
  it.each([
    ['StorageClass', ['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']],
    [
      'CSIDriver',
      [
        'Name',
        'AttachRequired',
        'PodInfoOnMount',
        'StorageCapacity',
        'TokenRequests',
        'RequiresRepublish',
        'Modes',
        'Age',
      ],
    ],
    ['CSINode', ['Name', 'Drivers', 'Age']],
    ['VolumeAttachment', ['Name', 'Attacher', 'PV', 'Node', 'Attached', 'Age']],
    ['CSIStorageCapacity', ['Name', 'StorageClassName', 'Capacity']],
  ])('declares the columns of a %s', (kind, names) => {
    expect(printer(kind).columns.map((c) => c.name)).toEqual(names);
  });

  it.each([
    [
      'the default storage class',
      object(
        'StorageClass',
        {
          provisioner: 'rancher.io/local-path',
          reclaimPolicy: 'Retain',
          volumeBindingMode: 'WaitForFirstConsumer',
          allowVolumeExpansion: true,
        },
        { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      ),
      ['x (default)', 'rancher.io/local-path', 'Retain', 'WaitForFirstConsumer', true, '3h'],
    ],
    [
      'a storage class with upstream defaults, marked default by the beta annotation',
      object(
        'StorageClass',
        { provisioner: 'csi.example.com' },
        { annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } },
      ),
      ['x (default)', 'csi.example.com', 'Delete', 'Immediate', false, '3h'],
    ],
    [
      'a storage class that is not the default',
      object(
        'StorageClass',
        { provisioner: 'csi.example.com' },
        { annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } },
      ),
      ['x', 'csi.example.com', 'Delete', 'Immediate', false, '3h'],
    ],
    [
      'a CSI driver with everything set',
      object('CSIDriver', {
        spec: {
          attachRequired: false,
          podInfoOnMount: true,
          storageCapacity: true,
          tokenRequests: [{ audience: 'vault' }, { audience: 'gcp' }],
          requiresRepublish: true,
          volumeLifecycleModes: ['Persistent', 'Ephemeral'],
        },
      }),
      ['x', false, true, true, 'vault,gcp', true, 'Persistent,Ephemeral', '3h'],
    ],
    [
      'a CSI driver with nothing set',
      object('CSIDriver', { spec: {} }),
      ['x', true, false, false, '<unset>', false, '<none>', '3h'],
    ],
    [
      'a CSI node',
      object('CSINode', {
        spec: {
          drivers: [
            { name: 'a', nodeID: 'n' },
            { name: 'b', nodeID: 'n' },
          ],
        },
      }),
      ['x', 2, '3h'],
    ],
    [
      'a volume attachment',
      object('VolumeAttachment', {
        spec: { attacher: 'csi.example.com', source: { persistentVolumeName: 'pv-1' }, nodeName: 'node-1' },
        status: { attached: true },
      }),
      ['x', 'csi.example.com', 'pv-1', 'node-1', true, '3h'],
    ],
    [
      'a volume attachment of an inline volume, not yet attached',
      object('VolumeAttachment', {
        spec: { attacher: 'csi.example.com', source: { inlineVolumeSpec: {} }, nodeName: 'node-1' },
      }),
      ['x', 'csi.example.com', '', 'node-1', false, '3h'],
    ],
    [
      'a storage capacity',
      object('CSIStorageCapacity', { storageClassName: 'standard', capacity: '1000Mi' }),
      ['x', 'standard', '1000Mi'],
    ],
    [
      'a storage capacity without capacity',
      object('CSIStorageCapacity', { storageClassName: 'standard' }),
      ['x', 'standard', '<unset>'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(printer(obj.kind ?? '').row(obj, NOW)).toEqual(want);
  });
});
