// Table columns of the storage.k8s.io API group: StorageClass, CSIDriver, CSINode, VolumeAttachment and
// CSIStorageCapacity.

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { formatQuantity } from './quantity.ts';
import { bool, count, field, has, list, maybeBool, maybeStr, str } from './read.ts';
import { age } from './time.ts';

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

function isDefaultClass(obj: KubeObject): boolean {
  return DEFAULT_CLASS_ANNOTATIONS.some((key) => obj.metadata.annotations?.[key] === 'true');
}

const storageClassPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Provisioner', 'The driver that provisions volumes of this class.'),
    column('ReclaimPolicy', 'What happens to provisioned volumes when their claims are released.'),
    column('VolumeBindingMode', 'Whether volumes are bound at once or when a pod first uses the claim.'),
    column('AllowVolumeExpansion', 'Whether claims of this class may be resized.'),
    AGE_COLUMN,
  ],
  row: (sc, now) => [
    `${sc.metadata.name ?? ''}${isDefaultClass(sc) ? ' (default)' : ''}`,
    str(sc, 'provisioner'),
    maybeStr(sc, 'reclaimPolicy') ?? 'Delete',
    maybeStr(sc, 'volumeBindingMode') ?? 'Immediate',
    bool(sc, 'allowVolumeExpansion'),
    age(sc, now),
  ],
};

function tokenRequests(driver: KubeObject): string {
  if (!has(driver.spec, 'tokenRequests')) return '<unset>';
  return list(driver.spec, 'tokenRequests')
    .map((t) => str(t, 'audience'))
    .join(',');
}

const csiDriverPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('AttachRequired', 'Whether volumes of the driver must be attached before they are mounted.', {
      type: 'boolean',
    }),
    column('PodInfoOnMount', 'Whether the driver is told about the pod when it mounts a volume.', { type: 'boolean' }),
    column('StorageCapacity', 'Whether the scheduler considers the storage capacity the driver reports.', {
      type: 'boolean',
    }),
    column('TokenRequests', 'The audiences of the service account tokens the driver receives.'),
    column('RequiresRepublish', 'Whether the driver wants volumes mounted again from time to time.', {
      type: 'boolean',
    }),
    column('Modes', 'The volume lifecycle modes the driver supports.'),
    AGE_COLUMN,
  ],
  row: (driver, now) => [
    driver.metadata.name ?? '',
    maybeBool(driver.spec, 'attachRequired') ?? true,
    bool(driver.spec, 'podInfoOnMount'),
    bool(driver.spec, 'storageCapacity'),
    tokenRequests(driver),
    bool(driver.spec, 'requiresRepublish'),
    list(driver.spec, 'volumeLifecycleModes').join(',') || '<none>',
    age(driver, now),
  ],
};

const csiNodePrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Drivers', 'How many CSI drivers are registered on the node.', { type: 'integer' }),
    AGE_COLUMN,
  ],
  row: (csiNode, now) => [csiNode.metadata.name ?? '', count(csiNode.spec, 'drivers'), age(csiNode, now)],
};

const volumeAttachmentPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Attacher', 'The driver that attaches the volume.', { format: 'name' }),
    column('PV', 'The persistent volume being attached.'),
    column('Node', 'The node the volume is attached to.'),
    column('Attached', 'Whether the volume is attached.', { type: 'boolean' }),
    AGE_COLUMN,
  ],
  row: (va, now) => [
    va.metadata.name ?? '',
    str(va.spec, 'attacher'),
    str(va.spec, 'source', 'persistentVolumeName'),
    str(va.spec, 'nodeName'),
    bool(va.status, 'attached'),
    age(va, now),
  ],
};

const csiStorageCapacityPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('StorageClassName', 'The storage class the capacity is reported for.'),
    column('Capacity', 'How much storage is available for new volumes.'),
  ],
  row: (capacity) => [
    capacity.metadata.name ?? '',
    str(capacity, 'storageClassName'),
    has(capacity, 'capacity') ? formatQuantity(field(capacity, 'capacity')) : '<unset>',
  ],
};

export const storagePrinters: Readonly<Record<string, TableConvertor>> = {
  StorageClass: storageClassPrinter,
  CSIDriver: csiDriverPrinter,
  CSINode: csiNodePrinter,
  VolumeAttachment: volumeAttachmentPrinter,
  CSIStorageCapacity: csiStorageCapacityPrinter,
};
