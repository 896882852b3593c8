// The storage.k8s.io group (pkg/apis/storage/validation): StorageClasses whose provisioner and parameters never
// change, VolumeAttachments with exactly one source, CSIDrivers with their required switches, CSINodes with one
// entry per driver, and CSIStorageCapacities whose topology and class never change.

import { deepEqual } from '../../api/json.ts';
import {
  FieldPath,
  duplicate,
  forbiddenField,
  invalidValue,
  notSupported,
  required,
  tooLong,
} from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { isRecord, list, optNum, record, records, recordOrEmpty, sortedKeys, str } from './access.ts';
import type { Json } from './access.ts';
import { parseQuantity, validateNonnegativeQuantity } from './core/quantities.ts';
import { invalidEach, validateImmutableField, validateNonnegative, validateQualifiedName } from './generic.ts';
import { validateLabelName } from './labels.ts';
import { validateLabelSelector } from './label-selector.ts';
import { inclusiveRangeError } from './messages.ts';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from './names.ts';

const SPEC = FieldPath.root('spec');
const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;
const MAX_ATTACHMENT_METADATA_SIZE = 256 * 1024;
const MAX_VOLUME_ERROR_MESSAGE_SIZE = 1024;
const CSI_NODE_ID_MAX_LENGTH = 192;
const RECLAIM_POLICIES = ['Delete', 'Retain'];
const VOLUME_BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const FS_GROUP_POLICIES = ['File', 'None', 'ReadWriteOnceWithFSType'];
const LIFECYCLE_MODES = ['Persistent', 'Ephemeral'];
const MIN_TOKEN_EXPIRATION_SECONDS = 600;
const MAX_TOKEN_EXPIRATION_SECONDS = 2 ** 32;

const byteLength = (value: string): number => Buffer.byteLength(value, 'utf8');

/** A CSI driver name: a lower-cased DNS subdomain of at most 63 characters. */
function validateCSIDriverName(name: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (name === '') errs.push(required(path));
  if (name.length > 63) errs.push(tooLong(path, 63));
  errs.push(...invalidEach(path, name, isDNS1123Subdomain(name.toLowerCase())));
  return errs;
}

// ---- StorageClass --------------------------------------------------------------------------------------------

function validateParameters(params: unknown, path: FieldPath): FieldError[] {
  const keys = sortedKeys(params);
  if (keys.length > MAX_PARAMETERS) return [tooLong(path, MAX_PARAMETERS)];
  const map = recordOrEmpty(params);
  const errs: FieldError[] = [];
  let size = 0;
  for (const key of keys) {
    if (key === '') errs.push(invalidValue(path, key, 'field can not be empty.'));
    size += byteLength(key) + byteLength(str(map[key]));
  }
  if (size > MAX_PARAMETERS_SIZE) errs.push(tooLong(path, MAX_PARAMETERS_SIZE));
  return errs;
}

/** Every term's expressions, as key → sorted values, so duplicate terms can be found. */
function topologyTermKey(term: Json): string {
  const entries = records(term.matchLabelExpressions).map(
    (e) => [str(e.key), [...new Set(list(e.values).map(str))].sort()] as const,
  );
  return JSON.stringify(Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))));
}

function validateAllowedTopologies(topologies: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seenTerms = new Set<string>();
  records(topologies).forEach((term, i) => {
    const exprPath = path.index(i).child('matchLabelExpressions');
    const keys = new Set<string>();
    records(term.matchLabelExpressions).forEach((expr, j) => {
      const at = exprPath.index(j);
      const values = list(expr.values).map(str);
      if (values.length === 0) errs.push(required(at.child('values')));
      const seenValues = new Set<string>();
      values.forEach((value, k) => {
        if (seenValues.has(value)) errs.push(duplicate(at.child('values').index(k), value));
        seenValues.add(value);
      });
      const key = str(expr.key);
      errs.push(...validateLabelName(key, at.child('key')));
      if (keys.has(key)) errs.push(duplicate(at.child('key'), key));
      keys.add(key);
    });
    const termKey = topologyTermKey(term);
    if (seenTerms.has(termKey)) errs.push(duplicate(exprPath, ''));
    seenTerms.add(termKey);
  });
  return errs;
}

export function validateStorageClass(storageClass: Json): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = str(storageClass.provisioner);
  if (provisioner === '') errs.push(required(FieldPath.root('provisioner')));
  else errs.push(...validateQualifiedName(provisioner.toLowerCase(), FieldPath.root('provisioner')));
  errs.push(...validateParameters(storageClass.parameters, FieldPath.root('parameters')));
  const reclaimPolicy = str(storageClass.reclaimPolicy);
  if (reclaimPolicy !== '' && !RECLAIM_POLICIES.includes(reclaimPolicy)) {
    errs.push(notSupported(FieldPath.root('reclaimPolicy'), reclaimPolicy, RECLAIM_POLICIES));
  }
  const mode = storageClass.volumeBindingMode;
  if (typeof mode !== 'string') errs.push(required(FieldPath.root('volumeBindingMode')));
  else if (!VOLUME_BINDING_MODES.includes(mode))
    errs.push(notSupported(FieldPath.root('volumeBindingMode'), mode, VOLUME_BINDING_MODES));
  errs.push(...validateAllowedTopologies(storageClass.allowedTopologies, FieldPath.root('allowedTopologies')));
  return errs;
}

export function validateStorageClassUpdate(storageClass: Json, old: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (!deepEqual(old.parameters ?? null, storageClass.parameters ?? null)) {
    errs.push(forbiddenField(FieldPath.root('parameters'), 'updates to parameters are forbidden.'));
  }
  if (str(storageClass.provisioner) !== str(old.provisioner)) {
    errs.push(forbiddenField(FieldPath.root('provisioner'), 'updates to provisioner are forbidden.'));
  }
  if (str(storageClass.reclaimPolicy) !== str(old.reclaimPolicy)) {
    errs.push(forbiddenField(FieldPath.root('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  }
  errs.push(
    ...validateImmutableField(
      storageClass.volumeBindingMode,
      old.volumeBindingMode,
      FieldPath.root('volumeBindingMode'),
    ),
  );
  return errs;
}

// ---- VolumeAttachment ----------------------------------------------------------------------------------------

function validateVolumeAttachmentSource(source: Json, path: FieldPath): FieldError[] {
  const hasInline = isRecord(source.inlineVolumeSpec);
  const pvName = source.persistentVolumeName;
  const hasPV = typeof pvName === 'string';
  if (!hasInline && !hasPV)
    return [required(path, 'must specify exactly one of inlineVolumeSpec and persistentVolumeName')];
  if (hasInline && hasPV)
    return [forbiddenField(path, 'must specify exactly one of inlineVolumeSpec and persistentVolumeName')];
  if (hasPV && pvName === '')
    return [required(path.child('persistentVolumeName'), 'must specify non empty persistentVolumeName')];
  return [];
}

function validateVolumeError(error: unknown, path: FieldPath): FieldError[] {
  const e = record(error);
  if (!e) return [];
  const errs: FieldError[] = [];
  if (str(e.message).length > MAX_VOLUME_ERROR_MESSAGE_SIZE)
    errs.push(tooLong(path.child('message'), MAX_ATTACHMENT_METADATA_SIZE));
  const code = optNum(e.errorCode);
  if (code !== undefined && code < 0)
    errs.push(invalidValue(path.child('errorCode'), code, inclusiveRangeError(0, 2147483647)));
  return errs;
}

function validateVolumeAttachmentStatus(status: Json): FieldError[] {
  const path = FieldPath.root('status');
  const errs: FieldError[] = [];
  const metadata = recordOrEmpty(status.attachmentMetadata);
  const size = Object.entries(metadata).reduce((n, [k, v]) => n + byteLength(k) + byteLength(str(v)), 0);
  if (size > MAX_ATTACHMENT_METADATA_SIZE)
    errs.push(tooLong(path.child('attachmentMetadata'), MAX_ATTACHMENT_METADATA_SIZE));
  errs.push(...validateVolumeError(status.attachError, path.child('attachError')));
  errs.push(...validateVolumeError(status.detachError, path.child('detachError')));
  return errs;
}

export function validateVolumeAttachment(attachment: Json): FieldError[] {
  const spec = recordOrEmpty(attachment.spec);
  const attacher = str(spec.attacher);
  const errs: FieldError[] = [];
  if (attacher === '') errs.push(required(SPEC.child('attacher')));
  const source = recordOrEmpty(spec.source);
  errs.push(...validateVolumeAttachmentSource(source, SPEC.child('source')));
  const nodeName = str(spec.nodeName);
  errs.push(...invalidEach(SPEC.child('nodeName'), nodeName, nameIsDNSSubdomain(nodeName, false)));
  errs.push(...validateVolumeAttachmentStatus(recordOrEmpty(attachment.status)));
  errs.push(...validateCSIDriverName(attacher, SPEC.child('attacher')));
  if (typeof source.persistentVolumeName === 'string') {
    const pv = source.persistentVolumeName;
    errs.push(...invalidEach(SPEC.child('source', 'persistentVolumeName'), pv, nameIsDNSSubdomain(pv, false)));
  }
  return errs;
}

/** The spec is read-only once created; status is validated with it. */
export function validateVolumeAttachmentUpdate(attachment: Json, old: Json): FieldError[] {
  const errs = validateVolumeAttachment(attachment);
  if (!deepEqual(attachment.spec ?? null, old.spec ?? null))
    errs.push(invalidValue(SPEC, attachment.spec ?? null, 'field is immutable'));
  return errs;
}

// ---- CSIDriver -----------------------------------------------------------------------------------------------

function validateTokenRequests(requests: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const audiences = new Set<string>();
  records(requests).forEach((request, i) => {
    const audience = str(request.audience);
    if (audiences.has(audience)) {
      errs.push(duplicate(path.index(i).child('audience'), audience));
      return;
    }
    audiences.add(audience);
    const seconds = optNum(request.expirationSeconds);
    if (seconds === undefined) return;
    if (seconds < MIN_TOKEN_EXPIRATION_SECONDS) {
      errs.push(
        invalidValue(
          path.index(i).child('expirationSeconds'),
          seconds,
          'may not specify a duration less than 10 minutes',
        ),
      );
    }
    if (seconds > MAX_TOKEN_EXPIRATION_SECONDS) {
      errs.push(
        invalidValue(
          path.index(i).child('expirationSeconds'),
          seconds,
          'may not specify a duration larger than 2^32 seconds',
        ),
      );
    }
  });
  return errs;
}

function validateCSIDriverSpec(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  for (const [field, path] of [
    ['attachRequired', 'attachedRequired'],
    ['podInfoOnMount', 'podInfoOnMount'],
    ['storageCapacity', 'storageCapacity'],
  ] as const) {
    if (typeof spec[field] !== 'boolean') errs.push(required(SPEC.child(path)));
  }
  if (typeof spec.fsGroupPolicy === 'string' && !FS_GROUP_POLICIES.includes(spec.fsGroupPolicy)) {
    errs.push(notSupported(SPEC.child('fsGroupPolicy'), spec.fsGroupPolicy, FS_GROUP_POLICIES));
  }
  errs.push(...validateTokenRequests(spec.tokenRequests, SPEC.child('tokenRequests')));
  for (const mode of list(spec.volumeLifecycleModes)) {
    if (!LIFECYCLE_MODES.includes(str(mode)))
      errs.push(notSupported(SPEC.child('volumeLifecycleModes'), mode, LIFECYCLE_MODES));
  }
  if (typeof spec.seLinuxMount !== 'boolean') errs.push(required(SPEC.child('seLinuxMount')));
  return errs;
}

export function validateCSIDriver(driver: Json): FieldError[] {
  return validateCSIDriverSpec(recordOrEmpty(driver.spec));
}

export function validateCSIDriverUpdate(driver: Json, old: Json): FieldError[] {
  const spec = recordOrEmpty(driver.spec);
  const oldSpec = recordOrEmpty(old.spec);
  return [
    ...validateCSIDriverSpec(spec),
    ...validateImmutableField(spec.attachRequired, oldSpec.attachRequired, SPEC.child('attachedRequired')),
    ...validateImmutableField(
      spec.volumeLifecycleModes,
      oldSpec.volumeLifecycleModes,
      SPEC.child('volumeLifecycleModes'),
    ),
  ];
}

// ---- CSINode -------------------------------------------------------------------------------------------------

function validateCSINodeDriver(driver: Json, names: Set<string>, path: FieldPath): FieldError[] {
  const name = str(driver.name);
  const errs = validateCSIDriverName(name, path.child('name'));
  const nodeID = str(driver.nodeID);
  if (nodeID === '') errs.push(required(path.child('nodeID')));
  if (nodeID.length > CSI_NODE_ID_MAX_LENGTH) {
    errs.push(invalidValue(path.child('nodeID'), nodeID, `must be ${CSI_NODE_ID_MAX_LENGTH} characters or less`));
  }
  const count = optNum(recordOrEmpty(driver.allocatable).count);
  if (count !== undefined) errs.push(...validateNonnegative(count, path.child('allocatable', 'count')));
  if (names.has(name)) errs.push(duplicate(path.child('name'), name));
  names.add(name);
  const keys = new Set<string>();
  for (const k of list(driver.topologyKeys)) {
    const key = str(k);
    if (key === '') errs.push(required(path));
    if (keys.has(key)) errs.push(duplicate(path, key));
    keys.add(key);
    errs.push(...validateQualifiedName(key, path));
  }
  return errs;
}

export function validateCSINode(node: Json): FieldError[] {
  const names = new Set<string>();
  const path = SPEC.child('drivers');
  return records(recordOrEmpty(node.spec).drivers).flatMap((driver, i) =>
    validateCSINodeDriver(driver, names, path.index(i)),
  );
}

/** A driver already registered on the node never changes; drivers may come and go. */
export function validateCSINodeUpdate(node: Json, old: Json): FieldError[] {
  const errs = validateCSINode(node);
  const newDrivers = records(recordOrEmpty(node.spec).drivers);
  for (const oldDriver of records(recordOrEmpty(old.spec).drivers)) {
    for (const newDriver of newDrivers) {
      if (str(newDriver.name) === str(oldDriver.name))
        errs.push(...validateImmutableField(newDriver, oldDriver, SPEC.child('drivers')));
    }
  }
  return errs;
}

// ---- CSIStorageCapacity --------------------------------------------------------------------------------------

export function validateCSIStorageCapacity(capacity: Json, allowInvalidLabelValueInSelector = false): FieldError[] {
  const errs = validateLabelSelector(
    capacity.nodeTopology,
    { allowInvalidLabelValueInSelector },
    FieldPath.root('nodeTopology'),
  );
  const className = str(capacity.storageClassName);
  errs.push(...invalidEach(FieldPath.root('storageClassName'), className, nameIsDNSSubdomain(className, false)));
  if (capacity.capacity !== undefined && capacity.capacity !== null) {
    const q = parseQuantity(capacity.capacity, FieldPath.root('capacity'), errs);
    if (q) errs.push(...validateNonnegativeQuantity(q, FieldPath.root('capacity')));
  }
  return errs;
}

export function validateCSIStorageCapacityUpdate(capacity: Json, old: Json): FieldError[] {
  const oldSelectorInvalid = validateLabelSelector(old.nodeTopology, {}, FieldPath.root('nodeTopology')).length > 0;
  const errs = validateCSIStorageCapacity(capacity, oldSelectorInvalid);
  if (!deepEqual(capacity.nodeTopology ?? null, old.nodeTopology ?? null)) {
    errs.push(invalidValue(FieldPath.root('nodeTopology'), capacity.nodeTopology ?? null, 'field is immutable'));
  }
  if (str(capacity.storageClassName) !== str(old.storageClassName)) {
    errs.push(invalidValue(FieldPath.root('storageClassName'), str(capacity.storageClassName), 'field is immutable'));
  }
  return errs;
}
