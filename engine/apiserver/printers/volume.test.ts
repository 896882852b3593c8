import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { persistentVolumeClaimPrinter, persistentVolumePrinter } from './volume.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const CREATED = '2025-03-01T11:50:00Z';

function object(kind: string, spec: object, status: object, metadata: object = {}): KubeObject {
  return { apiVersion: 'v1', kind, metadata: { name: 'data', creationTimestamp: CREATED, ...metadata }, spec, status };
}

describe('persistentVolumePrinter', () => {
  it('declares the columns of kubectl get pv, VOLUMEMODE for -o wide', () => {
    expect(persistentVolumePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Capacity:0',
      'Access Modes:0',
      'Reclaim Policy:0',
      'Status:0',
      'Claim:0',
      'StorageClass:0',
      'VolumeAttributesClass:0',
      'Reason:0',
      'Age:0',
      'VolumeMode:1',
    ]);
  });

  it.each([
    [
      'a bound volume',
      object(
        'PersistentVolume',
        {
          capacity: { storage: '10Gi' },
          accessModes: ['ReadWriteMany', 'ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Retain',
          claimRef: { namespace: 'default', name: 'data-web-0' },
          storageClassName: 'standard',
          volumeMode: 'Filesystem',
        },
        { phase: 'Bound' },
      ),
      [
        'data',
        '10Gi',
        'RWO,RWX',
        'Retain',
        'Bound',
        'default/data-web-0',
        'standard',
        '<unset>',
        '',
        '10m',
        'Filesystem',
      ],
    ],
    [
      'a failed volume being deleted, with the beta class annotation and a canonicalised size',
      object(
        'PersistentVolume',
        {
          capacity: { storage: '1.5Gi' },
          accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'],
          persistentVolumeReclaimPolicy: 'Delete',
          storageClassName: 'ignored',
          volumeAttributesClassName: 'gold',
        },
        { phase: 'Failed', reason: 'DeleteFailed' },
        {
          deletionTimestamp: '2025-03-01T11:59:00Z',
          annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' },
        },
      ),
      ['data', '1536Mi', 'ROX,RWOP', 'Delete', 'Terminating', '', 'legacy', 'gold', 'DeleteFailed', '10m', '<unset>'],
    ],
    [
      'a volume without capacity',
      object('PersistentVolume', {}, { phase: 'Available' }),
      ['data', '0', '', '', 'Available', '', '', '<unset>', '', '10m', '<unset>'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(persistentVolumePrinter.row(obj, NOW)).toEqual(want);
  });
});

describe('persistentVolumeClaimPrinter', () => {
  it('declares the columns of kubectl get pvc, VOLUMEMODE for -o wide', () => {
    expect(persistentVolumeClaimPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Status:0',
      'Volume:0',
      'Capacity:0',
      'Access Modes:0',
      'StorageClass:0',
      'VolumeAttributesClass:0',
      'Age:0',
      'VolumeMode:1',
    ]);
  });

  it.each([
    [
      'a bound claim with the capacity of its volume',
      object(
        'PersistentVolumeClaim',
        {
          resources: { requests: { storage: '1Gi' } },
          volumeName: 'pvc-1234',
          storageClassName: 'standard',
          volumeMode: 'Filesystem',
        },
        { phase: 'Bound', capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'] },
      ),
      ['data', 'Bound', 'pvc-1234', '2Gi', 'RWO', 'standard', '<unset>', '10m', 'Filesystem'],
    ],
    [
      'a pending claim without capacity or access modes',
      object(
        'PersistentVolumeClaim',
        { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'], storageClassName: 'standard' },
        { phase: 'Pending' },
      ),
      ['data', 'Pending', '', '', '', 'standard', '<unset>', '10m', '<unset>'],
    ],
    [
      'a claim being deleted',
      object(
        'PersistentVolumeClaim',
        { volumeName: 'pvc-1' },
        { phase: 'Bound' },
        { deletionTimestamp: '2025-03-01T11:59:00Z' },
      ),
      ['data', 'Terminating', 'pvc-1', '0', '', '', '<unset>', '10m', '<unset>'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(persistentVolumeClaimPrinter.row(obj, NOW)).toEqual(want);
  });
});
