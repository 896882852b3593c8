// Pod volumes (ValidateVolumes, validateVolumeSource): unique DNS-1123 names, exactly one source each, and each
// source's own rules — the common ones (emptyDir, hostPath, configMap, secret, downwardAPI, projected, PVC,
// ephemeral, nfs, csi) in full, the legacy in-tree plugins by their required fields.

import { duplicate, forbiddenField, invalidValue, notSupported, required, tooLong } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { num, optNum, record, records, str } from '../access.ts';
import type { Json } from '../access.ts';
import { invalidEach, validateDNS1123Label } from '../generic.ts';
import { FILE_MODE_ERROR_MSG, inclusiveRangeError } from '../messages.ts';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from '../names.ts';
import { VOLUME_FIELD_PATHS, validateObjectFieldSelector, validateResourceFieldSelector } from './downward-api.ts';
import { validateLocalDescendingPath, validateLocalNonReservedPath, validatePathNoBacksteps } from './paths.ts';
import { validatePersistentVolumeClaimTemplate } from './persistent-volume-claim.ts';
import { ZERO_QUANTITY, tryQuantity } from './quantities.ts';

/** Every volume source a pod may use, in the order upstream checks them. */
const VOLUME_TYPES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'quobyte',
  'downwardAPI',
  'fc',
  'flexVolume',
  'configMap',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'storageos',
  'projected',
  'scaleIO',
  'csi',
  'ephemeral',
  'image',
] as const;

/** The field names upstream's "more than 1 volume type" errors use (two differ from the JSON names). */
const FORBIDDEN_PATH_NAME: Partial<Record<string, string>> = { cephfs: 'cephFS', downwardAPI: 'downwarAPI' };

/** Required fields of the legacy in-tree sources (their other rules are not modelled). */
const REQUIRED_FIELDS: Partial<Record<string, string[]>> = {
  gcePersistentDisk: ['pdName'],
  awsElasticBlockStore: ['volumeID'],
  glusterfs: ['endpoints', 'path'],
  rbd: ['monitors', 'image'],
  cinder: ['volumeID'],
  cephfs: ['monitors'],
  flexVolume: ['driver'],
  azureFile: ['secretName', 'shareName'],
  vsphereVolume: ['volumePath'],
  photonPersistentDisk: ['pdID'],
  portworxVolume: ['volumeID'],
  azureDisk: ['diskName', 'diskURI'],
  storageos: ['volumeName'],
  scaleIO: ['gateway', 'system', 'volumeName'],
  quobyte: ['registry', 'volume'],
};

const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];

function validateMode(value: unknown, path: FieldPath): FieldError[] {
  const mode = optNum(value);
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [invalidValue(path, mode, FILE_MODE_ERROR_MSG)] : [];
}

function validateKeyToPath(item: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (str(item.key) === '') errs.push(required(path.child('key')));
  if (str(item.path) === '') errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(str(item.path), path.child('path')));
  errs.push(...validateMode(item.mode, path.child('mode')));
  return errs;
}

function validateDownwardAPIFile(file: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (str(file.path) === '') errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(str(file.path), path.child('path')));
  const fieldRef = record(file.fieldRef);
  if (fieldRef) {
    errs.push(...validateObjectFieldSelector(fieldRef, VOLUME_FIELD_PATHS, path.child('fieldRef')));
    if (record(file.resourceFieldRef)) {
      errs.push(invalidValue(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    }
  } else if (record(file.resourceFieldRef)) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef, true, path.child('resourceFieldRef')));
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, path.child('mode')));
  return errs;
}

function validateProjected(source: Json, path: FieldPath): FieldError[] {
  const errs = validateMode(source.defaultMode, path.child('defaultMode'));
  const seenPaths = new Set<string>();
  const claimPath = (p: string, value: unknown): void => {
    if (p === '') return;
    if (seenPaths.has(p)) errs.push(invalidValue(path, value, 'conflicting duplicate paths'));
    seenPaths.add(p);
  };
  records(source.sources).forEach((projection, i) => {
    const at = path.child('sources').index(i);
    let count = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const ref = record(projection[kind]);
      if (!ref) continue;
      count++;
      if (str(ref.name) === '') errs.push(required(at.child(kind).child('name')));
      records(ref.items).forEach((item, j) => {
        errs.push(...validateKeyToPath(item, at.child(kind).child('items').index(j)));
        claimPath(str(item.path), str(ref.name));
      });
    }
    const downward = record(projection.downwardAPI);
    if (downward) {
      count++;
      for (const file of records(downward.items)) {
        errs.push(...validateDownwardAPIFile(file, at.child('downwardAPI')));
        claimPath(str(file.path), str(file.path));
      }
    }
    const token = record(projection.serviceAccountToken);
    if (token) {
      count++;
      const expiration = num(token.expirationSeconds);
      const tokenPath = at.child('serviceAccountToken');
      if (expiration < 600) {
        errs.push(
          invalidValue(
            tokenPath.child('expirationSeconds'),
            expiration,
            'may not specify a duration less than 10 minutes',
          ),
        );
      }
      if (expiration > 2 ** 32) {
        errs.push(
          invalidValue(
            tokenPath.child('expirationSeconds'),
            expiration,
            'may not specify a duration larger than 2^32 seconds',
          ),
        );
      }
      if (str(token.path) === '') errs.push(required(path.child('path')));
      else errs.push(...validateLocalNonReservedPath(str(token.path), path.child('path')));
    }
    if (record(projection.clusterTrustBundle)) count++;
    if (count > 1) errs.push(forbiddenField(at, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

function validateSource(
  type: string,
  source: Json,
  volumeName: string,
  podName: string,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  switch (type) {
    case 'emptyDir': {
      const q = tryQuantity(source.sizeLimit);
      if (q && q.cmp(ZERO_QUANTITY) < 0) {
        errs.push(forbiddenField(path.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      }
      break;
    }
    case 'hostPath': {
      const p = str(source.path);
      if (p === '') return [required(path.child('path'))];
      errs.push(...validatePathNoBacksteps(p, path.child('path')));
      if (source.type !== undefined && source.type !== null && !HOST_PATH_TYPES.includes(str(source.type))) {
        errs.push(notSupported(path.child('type'), source.type, HOST_PATH_TYPES));
      }
      break;
    }
    case 'gitRepo':
      if (str(source.repository) === '') errs.push(required(path.child('repository')));
      errs.push(...validateLocalDescendingPath(str(source.directory), path.child('directory')));
      break;
    case 'secret':
      if (str(source.secretName) === '') errs.push(required(path.child('secretName')));
      errs.push(...validateMode(source.defaultMode, path.child('defaultMode')));
      records(source.items).forEach((item, i) => errs.push(...validateKeyToPath(item, path.child('items').index(i))));
      break;
    case 'configMap':
      if (str(source.name) === '') errs.push(required(path.child('name')));
      errs.push(...validateMode(source.defaultMode, path.child('defaultMode')));
      records(source.items).forEach((item, i) => errs.push(...validateKeyToPath(item, path.child('items').index(i))));
      break;
    case 'nfs':
      if (str(source.server) === '') errs.push(required(path.child('server')));
      if (str(source.path) === '') errs.push(required(path.child('path')));
      if (!str(source.path).startsWith('/'))
        errs.push(invalidValue(path.child('path'), str(source.path), 'must be an absolute path'));
      break;
    case 'iscsi':
      if (str(source.targetPortal) === '') errs.push(required(path.child('targetPortal')));
      if (str(source.iqn) === '') errs.push(required(path.child('iqn')));
      if (num(source.lun) < 0 || num(source.lun) > 255)
        errs.push(invalidValue(path.child('lun'), num(source.lun), inclusiveRangeError(0, 255)));
      break;
    case 'persistentVolumeClaim':
      if (str(source.claimName) === '') errs.push(required(path.child('claimName')));
      break;
    case 'downwardAPI':
      errs.push(...validateMode(source.defaultMode, path.child('defaultMode')));
      for (const file of records(source.items)) errs.push(...validateDownwardAPIFile(file, path));
      break;
    case 'projected':
      errs.push(...validateProjected(source, path));
      break;
    case 'csi': {
      const driver = str(source.driver);
      if (driver === '') errs.push(required(path.child('driver')));
      if (driver.length > 63) errs.push(tooLong(path.child('driver'), 63));
      errs.push(...invalidEach(path.child('driver'), driver, isDNS1123Subdomain(driver.toLowerCase())));
      const secretRef = record(source.nodePublishSecretRef);
      if (secretRef) {
        const name = str(secretRef.name);
        if (name === '') errs.push(required(path.child('nodePublishSecretRef', 'name')));
        else errs.push(...invalidEach(path.child('name'), name, nameIsDNSSubdomain(name, false)));
      }
      break;
    }
    case 'ephemeral': {
      const template = record(source.volumeClaimTemplate);
      if (!template) {
        errs.push(required(path.child('volumeClaimTemplate')));
        break;
      }
      errs.push(...validatePersistentVolumeClaimTemplate(template, path.child('volumeClaimTemplate')));
      if (podName !== '' && volumeName !== '') {
        const pvcName = `${podName}-${volumeName}`;
        for (const msg of nameIsDNSSubdomain(pvcName, false)) {
          errs.push(invalidValue(path.child('name'), volumeName, `PVC name ${JSON.stringify(pvcName)}: ${msg}`));
        }
      }
      break;
    }
    case 'image':
      break;
    default:
      for (const field of REQUIRED_FIELDS[type] ?? []) {
        const value = source[field];
        if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
          errs.push(required(path.child(field)));
        }
      }
  }
  return errs;
}

function validateVolumeSource(volume: Json, podName: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const type of VOLUME_TYPES) {
    const source = record(volume[type]);
    if (!source) continue;
    if (count > 0) {
      errs.push(
        forbiddenField(path.child(FORBIDDEN_PATH_NAME[type] ?? type), 'may not specify more than 1 volume type'),
      );
      continue;
    }
    count++;
    errs.push(...validateSource(type, source, str(volume.name), podName, path.child(type)));
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/** The sources of the valid volumes by name, for mounts to refer to. */
export type VolumeMap = Map<string, Json>;

/** Validates spec.volumes; `podName` is the pod's own name ("" in templates), for generic ephemeral volumes. */
export function validateVolumes(
  volumes: unknown,
  podName: string,
  path: FieldPath,
): { volumes: VolumeMap; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const valid: VolumeMap = new Map();
  const createdClaims = new Set<string>();
  if (podName !== '') {
    for (const volume of records(volumes))
      if (record(volume.ephemeral)) createdClaims.add(`${podName}-${str(volume.name)}`);
  }
  records(volumes).forEach((volume, i) => {
    const at = path.index(i);
    const name = str(volume.name);
    const errs = validateVolumeSource(volume, podName, at);
    if (name === '') errs.push(required(at.child('name')));
    else errs.push(...validateDNS1123Label(name, at.child('name')));
    if (valid.has(name)) errs.push(duplicate(at.child('name'), name));
    if (errs.length === 0) valid.set(name, volume);
    else errors.push(...errs);
    const claim = record(volume.persistentVolumeClaim);
    if (claim && createdClaims.has(str(claim.claimName))) {
      errors.push(
        invalidValue(
          at.child('persistentVolumeClaim').child('claimName'),
          str(claim.claimName),
          'must not reference a PVC that gets created for an ephemeral volume',
        ),
      );
    }
  });
  return { volumes: valid, errors };
}

/** Whether a volume is backed by a claim (what block-mode volumeDevices require). */
export function isClaimVolume(volume: Json): boolean {
  return record(volume.persistentVolumeClaim) !== undefined || record(volume.ephemeral) !== undefined;
}
