// The parts of a container (validateContainerPorts, ValidateEnv, ValidateEnvFrom, ValidateVolumeMounts,
// ValidateVolumeDevices): ports, environment variables and their sources, and mounts of the pod's volumes.

import {
  duplicate,
  forbiddenField,
  invalidValue,
  notFoundField,
  notSupported,
  required,
} from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { num, record, records, str } from '../access.ts';
import type { Json } from '../access.ts';
import { isConfigMapKey, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from '../formats.ts';
import { invalidEach } from '../generic.ts';
import { nameIsDNSSubdomain } from '../names.ts';
import { ENV_FIELD_PATHS, validateObjectFieldSelector, validateResourceFieldSelector } from './downward-api.ts';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './paths.ts';
import { isClaimVolume } from './volumes.ts';
import type { VolumeMap } from './volumes.ts';

export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateContainerPorts(ports: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  records(ports).forEach((port, i) => {
    const at = path.index(i);
    const name = str(port.name);
    if (name !== '') {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...invalidEach(at.child('name'), name, msgs));
      else if (names.has(name)) errs.push(duplicate(at.child('name'), name));
      else names.add(name);
    }
    const containerPort = num(port.containerPort);
    if (containerPort === 0) errs.push(required(at.child('containerPort')));
    else errs.push(...invalidEach(at.child('containerPort'), containerPort, isValidPortNum(containerPort)));
    const hostPort = num(port.hostPort);
    if (hostPort !== 0) errs.push(...invalidEach(at.child('hostPort'), hostPort, isValidPortNum(hostPort)));
    const protocol = str(port.protocol);
    if (protocol === '') errs.push(required(at.child('protocol')));
    else if (!PORT_PROTOCOLS.includes(protocol))
      errs.push(notSupported(at.child('protocol'), protocol, PORT_PROTOCOLS));
  });
  return errs;
}

function validateKeySelector(selector: Json, path: FieldPath): FieldError[] {
  const errs = invalidEach(path.child('name'), str(selector.name), nameIsDNSSubdomain(str(selector.name), false));
  const key = str(selector.key);
  if (key === '') errs.push(required(path.child('key')));
  else errs.push(...invalidEach(path.child('key'), key, isConfigMapKey(key)));
  return errs;
}

function validateEnvVarValueFrom(env: Json, path: FieldPath): FieldError[] {
  const from = record(env.valueFrom);
  if (!from) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  const fieldRef = record(from.fieldRef);
  if (fieldRef) {
    sources++;
    errs.push(...validateObjectFieldSelector(fieldRef, ENV_FIELD_PATHS, path.child('fieldRef')));
  }
  if (record(from.resourceFieldRef)) {
    sources++;
    errs.push(...validateResourceFieldSelector(from.resourceFieldRef, false, path.child('resourceFieldRef')));
  }
  for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
    const ref = record(from[kind]);
    if (!ref) continue;
    sources++;
    errs.push(...validateKeySelector(ref, path.child(kind)));
  }
  if (sources === 0) {
    errs.push(
      invalidValue(
        path,
        '',
        'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      ),
    );
  } else if (str(env.value) !== '') {
    errs.push(invalidValue(path, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errs.push(invalidValue(path, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

export function validateEnv(env: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  records(env).forEach((variable, i) => {
    const at = path.index(i);
    const name = str(variable.name);
    if (name === '') errs.push(required(at.child('name')));
    else errs.push(...invalidEach(at.child('name'), name, isRelaxedEnvVarName(name)));
    errs.push(...validateEnvVarValueFrom(variable, at.child('valueFrom')));
  });
  return errs;
}

export function validateEnvFrom(envFrom: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  records(envFrom).forEach((source, i) => {
    const at = path.index(i);
    const prefix = str(source.prefix);
    if (prefix !== '') errs.push(...invalidEach(at.child('prefix'), prefix, isRelaxedEnvVarName(prefix)));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = record(source[kind]);
      if (!ref) continue;
      sources++;
      const name = str(ref.name);
      if (name === '') errs.push(required(at.child(kind).child('name')));
      else errs.push(...invalidEach(at.child(kind).child('name'), name, nameIsDNSSubdomain(name, true)));
    }
    if (sources === 0) errs.push(invalidValue(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalidValue(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const RECURSIVE_READ_ONLY = ['Disabled', 'Enabled', 'IfPossible'];

/** Mount name → mount path (or device name → device path), as upstream's GetVolumeMountMap builds it. */
export function pathsByName(items: unknown, pathField: 'mountPath' | 'devicePath'): Map<string, string> {
  return new Map(records(items).map((item) => [str(item.name), str(item[pathField])]));
}

export function validateVolumeMounts(
  mounts: unknown,
  devices: Map<string, string>,
  volumes: VolumeMap,
  container: Json,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  const devicePaths = new Set(devices.values());
  const privileged = record(container.securityContext)?.privileged === true;
  records(mounts).forEach((mount, i) => {
    const at = path.index(i);
    const name = str(mount.name);
    const mountPath = str(mount.mountPath);
    if (name === '') errs.push(required(at.child('name')));
    if (!volumes.has(name)) errs.push(notFoundField(at.child('name'), name));
    if (mountPath === '') errs.push(required(at.child('mountPath')));
    if (mountPoints.has(mountPath)) errs.push(invalidValue(at.child('mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (devices.has(name)) errs.push(invalidValue(at.child('name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath))
      errs.push(invalidValue(at.child('mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    const subPath = str(mount.subPath);
    const subPathExpr = str(mount.subPathExpr);
    if (subPath !== '') errs.push(...validateLocalDescendingPath(subPath, path.child('subPath')));
    if (subPathExpr !== '') {
      if (subPath !== '')
        errs.push(invalidValue(at.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, path.child('subPathExpr')));
    }
    const propagation = mount.mountPropagation;
    if (propagation !== undefined && propagation !== null) {
      const propagationPath = path.child('mountPropagation');
      if (!MOUNT_PROPAGATIONS.includes(str(propagation)))
        errs.push(notSupported(propagationPath, propagation, MOUNT_PROPAGATIONS));
      if (propagation === 'Bidirectional' && !privileged) {
        errs.push(
          forbiddenField(propagationPath, 'Bidirectional mount propagation is available only to privileged containers'),
        );
      }
    }
    const rro = mount.recursiveReadOnly;
    if (rro !== undefined && rro !== null && rro !== 'Disabled') {
      const rroPath = path.child('recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (mount.readOnly !== true) errs.push(forbiddenField(rroPath, 'may only be specified when readOnly is true'));
        if (propagation !== undefined && propagation !== null && propagation !== 'None') {
          errs.push(forbiddenField(rroPath, 'may only be specified when mountPropagation is None or not specified'));
        }
      } else {
        errs.push(notSupported(rroPath, rro, RECURSIVE_READ_ONLY));
      }
    }
  });
  return errs;
}

export function validateVolumeDevices(
  devices: unknown,
  mounts: Map<string, string>,
  volumes: VolumeMap,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const paths = new Set<string>();
  const mountPaths = new Set(mounts.values());
  records(devices).forEach((device, i) => {
    const at = path.index(i);
    const name = str(device.name);
    const devicePath = str(device.devicePath);
    const volume = volumes.get(name);
    if (name === '') errs.push(required(at.child('name')));
    if (names.has(name)) errs.push(invalidValue(at.child('name'), name, 'must be unique'));
    if (volume && !isClaimVolume(volume)) {
      errs.push(
        invalidValue(
          at.child('name'),
          name,
          'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode',
        ),
      );
    }
    if (!volume) errs.push(notFoundField(at.child('name'), name));
    if (devicePath === '') errs.push(required(at.child('devicePath')));
    if (paths.has(devicePath)) errs.push(invalidValue(at.child('devicePath'), devicePath, 'must be unique'));
    if (devicePath !== '' && validatePathNoBacksteps(devicePath, at).length > 0) {
      errs.push(invalidValue(at.child('devicePath'), devicePath, "can not contain backsteps ('..')"));
    } else {
      paths.add(devicePath);
    }
    if (mounts.has(name)) errs.push(invalidValue(at.child('name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devicePath))
      errs.push(invalidValue(at.child('devicePath'), devicePath, 'must not already exist as a path in volumeMounts'));
    if (name !== '') names.add(name);
  });
  return errs;
}
