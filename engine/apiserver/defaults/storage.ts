// Defaults of the storage.k8s.io group (pkg/apis/storage/v1/defaults.go): StorageClasses delete their volumes and
// bind immediately; CSIDrivers need attaching, get no pod info, publish no capacity, apply fsGroup to RWO volumes
// with a filesystem type, serve persistent volumes, need no republishing and no SELinux mounts. A CSINode's driver
// list is always written (null when empty), as Go serialises it.

import type { KubeObject } from '../../api/object.ts';
import { ensureRecord, list } from '../validation/access.ts';
import type { Json } from '../validation/access.ts';

function setIfAbsent(obj: Json, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

export function setStorageClassDefaults(storageClass: KubeObject): void {
  setIfAbsent(storageClass, 'reclaimPolicy', 'Delete');
  setIfAbsent(storageClass, 'volumeBindingMode', 'Immediate');
}

export function setCSIDriverDefaults(driver: KubeObject): void {
  const spec = ensureRecord(driver, 'spec');
  setIfAbsent(spec, 'attachRequired', true);
  setIfAbsent(spec, 'podInfoOnMount', false);
  setIfAbsent(spec, 'storageCapacity', false);
  setIfAbsent(spec, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
  if (list(spec.volumeLifecycleModes).length === 0) spec.volumeLifecycleModes = ['Persistent'];
  setIfAbsent(spec, 'requiresRepublish', false);
  setIfAbsent(spec, 'seLinuxMount', false);
}

export function setCSINodeDefaults(node: KubeObject): void {
  const spec = ensureRecord(node, 'spec');
  if (spec.drivers === undefined) spec.drivers = null;
}
