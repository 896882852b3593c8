// PersistentVolumes (ValidatePersistentVolume, ValidatePersistentVolumeUpdate): access modes, a positive storage
// capacity, a reclaim policy, exactly one volume source, node affinity for local volumes; the source never changes.

import { deepEqual } from '../../../api/json.ts';
import { FieldPath, forbiddenField, invalidValue, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { record, recordOrEmpty, sortedKeys, str } from '../access.ts';
import type { Json } from '../access.ts';
import { describeChanges } from '../diff.ts';
import { invalidEach, validateImmutableField } from '../generic.ts';
import { FIELD_IMMUTABLE_ERROR_MSG } from '../messages.ts';
import { nameIsDNSSubdomain } from '../names.ts';
import { validatePathNoBacksteps } from './paths.ts';
import { VOLUME_MODES, validateAccessModes } from './persistent-volume-claim.ts';
import { parseQuantity, validatePositiveQuantity } from './quantities.ts';
import { validateNodeSelector } from './scheduling.ts';

const SPEC = FieldPath.root('spec');
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
/** The PersistentVolumeSource fields: exactly one must be set. */
const PV_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'glusterfs',
  'flocker',
  'nfs',
  'rbd',
  'quobyte',
  'cephfs',
  'iscsi',
  'cinder',
  'fc',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'scaleIO',
  'local',
  'storageos',
  'csi',
];
/** What each source needs before a volume can be used. */
const REQUIRED_SOURCE_FIELDS: Partial<Record<string, string[]>> = {
  hostPath: ['path'],
  local: ['path'],
  nfs: ['server', 'path'],
  csi: ['driver', 'volumeHandle'],
  iscsi: ['targetPortal', 'iqn'],
  glusterfs: ['endpoints', 'path'],
  rbd: ['monitors', 'image'],
  cephfs: ['monitors'],
  cinder: ['volumeID'],
  gcePersistentDisk: ['pdName'],
  awsElasticBlockStore: ['volumeID'],
  azureDisk: ['diskName', 'diskURI'],
  azureFile: ['secretName', 'shareName'],
  flexVolume: ['driver'],
  vsphereVolume: ['volumePath'],
  photonPersistentDisk: ['pdID'],
  portworxVolume: ['volumeID'],
  scaleIO: ['gateway', 'system', 'volumeName'],
  storageos: ['volumeName'],
  quobyte: ['registry', 'volume'],
};

function validateSource(type: string, source: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of REQUIRED_SOURCE_FIELDS[type] ?? []) {
    const value = source[field];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      errs.push(required(path.child(field)));
    }
  }
  if ((type === 'hostPath' || type === 'local') && str(source.path) !== '')
    errs.push(...validatePathNoBacksteps(str(source.path), path.child('path')));
  if (type === 'nfs' && str(source.path) !== '' && !str(source.path).startsWith('/')) {
    errs.push(invalidValue(path.child('path'), str(source.path), 'must be an absolute path'));
  }
  return errs;
}

export function validatePersistentVolume(pv: Json): FieldError[] {
  const spec = recordOrEmpty(pv.spec);
  const errs = validateAccessModes(spec.accessModes, SPEC.child('accessModes'), '');
  const capacityPath = SPEC.child('capacity');
  const capacity = recordOrEmpty(spec.capacity);
  const names = sortedKeys(capacity);
  if (names.length === 0) errs.push(required(capacityPath));
  if (!('storage' in capacity) || names.length > 1) errs.push(notSupported(capacityPath, capacity, ['storage']));
  for (const name of names) {
    const q = parseQuantity(capacity[name], capacityPath.key(name), errs);
    if (!q) continue;
    if (q.value() < 0) errs.push(invalidValue(capacityPath.key(name), q.value(), 'must be a valid resource quantity'));
    errs.push(...validatePositiveQuantity(q, capacityPath.key(name)));
  }
  const policy = str(spec.persistentVolumeReclaimPolicy);
  if (policy !== '' && !RECLAIM_POLICIES.includes(policy))
    errs.push(notSupported(SPEC.child('persistentVolumeReclaimPolicy'), policy, RECLAIM_POLICIES));
  const nodeAffinity = record(spec.nodeAffinity);
  if (nodeAffinity) {
    const requiredSelector = record(nodeAffinity.required);
    if (requiredSelector)
      errs.push(...validateNodeSelector(requiredSelector, SPEC.child('nodeAffinity').child('required')));
    else errs.push(required(SPEC.child('nodeAffinity').child('required'), 'must specify required node constraints'));
  }
  let sources = 0;
  for (const type of PV_SOURCES) {
    const source = record(spec[type]);
    if (!source) continue;
    if (sources > 0 && type !== 'flexVolume') {
      errs.push(
        forbiddenField(SPEC.child(type === 'cephfs' ? 'cephFS' : type), 'may not specify more than 1 volume type'),
      );
      continue;
    }
    sources++;
    errs.push(...validateSource(type, source, SPEC.child(type)));
    if (type === 'local' && !nodeAffinity)
      errs.push(required(SPEC.child('nodeAffinity'), 'Local volume requires node affinity'));
  }
  if (sources === 0) errs.push(required(SPEC, 'must specify a volume type'));
  const hostPath = str(record(spec.hostPath)?.path);
  if (hostPath !== '' && hostPath.replace(/\/+$/, '') === '' && policy === 'Recycle') {
    errs.push(
      forbiddenField(SPEC.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"),
    );
  }
  const className = str(spec.storageClassName);
  if (className !== '')
    errs.push(...invalidEach(SPEC.child('storageClassName'), className, nameIsDNSSubdomain(className, false)));
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !VOLUME_MODES.includes(str(spec.volumeMode))) {
    errs.push(notSupported(SPEC.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  }
  return errs;
}

function sourceOf(spec: Json): Json {
  const source: Json = {};
  for (const type of PV_SOURCES) if (spec[type] !== undefined) source[type] = spec[type];
  return source;
}

export function validatePersistentVolumeUpdate(pv: Json, old: Json): FieldError[] {
  const errs = validatePersistentVolume(pv);
  const spec = recordOrEmpty(pv.spec);
  const oldSpec = recordOrEmpty(old.spec);
  const source = sourceOf(spec);
  const oldSource = sourceOf(oldSpec);
  const oldCSI = record(oldSource.csi);
  const newCSI = record(source.csi);
  if (
    oldCSI &&
    newCSI &&
    oldCSI.controllerExpandSecretRef === undefined &&
    newCSI.controllerExpandSecretRef !== undefined
  ) {
    const csi = { ...newCSI };
    delete csi.controllerExpandSecretRef;
    source.csi = csi;
  }
  if (!deepEqual(source, oldSource)) {
    errs.push(
      forbiddenField(
        SPEC.child('persistentvolumesource'),
        `spec.persistentvolumesource is immutable after creation\n${describeChanges(oldSource, source, 'core.PersistentVolumeSource')}`,
      ),
    );
  }
  errs.push(...validateImmutableField(spec.volumeMode, oldSpec.volumeMode, FieldPath.root('volumeMode')));
  if (oldSpec.nodeAffinity !== undefined && !deepEqual(spec.nodeAffinity ?? null, oldSpec.nodeAffinity)) {
    errs.push(
      invalidValue(
        FieldPath.root('nodeAffinity'),
        spec.nodeAffinity ?? null,
        `${FIELD_IMMUTABLE_ERROR_MSG}, except for updating from beta label to GA`,
      ),
    );
  }
  return errs;
}
