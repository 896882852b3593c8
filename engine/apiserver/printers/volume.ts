// PersistentVolume and PersistentVolumeClaim rows: capacity, access modes (RWO,ROX,RWX,RWOP), reclaim policy,
// phase (Terminating while being deleted), the bound claim or volume, and the storage and attributes classes.

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN, wideColumn } from './columns.ts';
import { formatQuantity } from './quantity.ts';
import { field, has, list, maybeStr, str } from './read.ts';
import { age } from './time.ts';

/** The old annotation that named a storage class before spec.storageClassName existed; it still wins. */
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

const ACCESS_MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** Access modes in upstream's fixed order and short names: "RWO,RWX". */
function accessModes(modes: unknown[]): string {
  return ACCESS_MODES.filter(([mode]) => modes.includes(mode))
    .map(([, short]) => short)
    .join(',');
}

function storageClass(obj: KubeObject): string {
  const annotations = obj.metadata.annotations ?? {};
  if (BETA_STORAGE_CLASS_ANNOTATION in annotations) return annotations[BETA_STORAGE_CLASS_ANNOTATION] ?? '';
  return str(obj.spec, 'storageClassName');
}

function phase(obj: KubeObject): string {
  return has(obj.metadata, 'deletionTimestamp') ? 'Terminating' : str(obj.status, 'phase');
}

const optional = (obj: KubeObject, key: string) => maybeStr(obj.spec, key) ?? '<unset>';

export const persistentVolumePrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Capacity', 'How much storage the volume has.'),
    column('Access Modes', 'How the volume can be mounted: RWO, ROX, RWX or RWOP.'),
    column('Reclaim Policy', 'What happens to the volume when its claim is released.'),
    column('Status', 'The phase of the volume: Available, Bound, Released or Failed.'),
    column('Claim', 'The claim the volume is bound to, as namespace/name.'),
    column('StorageClass', 'The storage class the volume belongs to.'),
    column('VolumeAttributesClass', 'The volume attributes class the volume uses.'),
    column('Reason', 'Why the volume is in its phase, when it failed.'),
    AGE_COLUMN,
    wideColumn('VolumeMode', 'Whether the volume is a filesystem or a raw block device.'),
  ],
  row: (pv, now) => [
    pv.metadata.name ?? '',
    formatQuantity(field(pv.spec, 'capacity', 'storage')),
    accessModes(list(pv.spec, 'accessModes')),
    str(pv.spec, 'persistentVolumeReclaimPolicy'),
    phase(pv),
    has(pv.spec, 'claimRef') ? `${str(pv.spec, 'claimRef', 'namespace')}/${str(pv.spec, 'claimRef', 'name')}` : '',
    storageClass(pv),
    optional(pv, 'volumeAttributesClassName'),
    str(pv.status, 'reason'),
    age(pv, now),
    optional(pv, 'volumeMode'),
  ],
};

export const persistentVolumeClaimPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Status', 'The phase of the claim: Pending, Bound or Lost.'),
    column('Volume', 'The volume the claim is bound to.'),
    column('Capacity', 'How much storage the bound volume provides.'),
    column('Access Modes', 'How the bound volume can be mounted: RWO, ROX, RWX or RWOP.'),
    column('StorageClass', 'The storage class the claim asks for.'),
    column('VolumeAttributesClass', 'The volume attributes class the claim asks for.'),
    AGE_COLUMN,
    wideColumn('VolumeMode', 'Whether the claim wants a filesystem or a raw block device.'),
  ],
  row: (pvc, now) => {
    const bound = str(pvc.spec, 'volumeName') !== '';
    return [
      pvc.metadata.name ?? '',
      phase(pvc),
      str(pvc.spec, 'volumeName'),
      bound ? formatQuantity(field(pvc.status, 'capacity', 'storage')) : '',
      bound ? accessModes(list(pvc.status, 'accessModes')) : '',
      storageClass(pvc),
      optional(pvc, 'volumeAttributesClassName'),
      age(pvc, now),
      optional(pvc, 'volumeMode'),
    ];
  },
};
