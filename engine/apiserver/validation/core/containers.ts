// The container lists of a pod spec (validateContainers, validateInitContainers, validateEphemeralContainers):
// what every container needs (a DNS-label name, an image, valid ports, env, mounts, resources…), unique names
// across the lists, what each kind may carry (probes and hooks only on regular and restartable init containers),
// and host ports that do not collide.

import {
  duplicate,
  forbiddenField,
  invalidValue,
  notFoundField,
  notSupported,
  required,
} from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { isSet, isZeroValue, num, records, str } from '../access.ts';
import type { Json } from '../access.ts';
import { validateDNS1123Label } from '../generic.ts';
import {
  pathsByName,
  validateContainerPorts,
  validateEnv,
  validateEnvFrom,
  validateVolumeDevices,
  validateVolumeMounts,
} from './container-fields.ts';
import { validateLifecycle, validateProbeOfKind } from './probes.ts';
import { validateContainerResources } from './resource-requirements.ts';
import { validateContainerSecurityContext } from './security-context.ts';
import type { VolumeMap } from './volumes.ts';

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
/** Fields an ephemeral container may not set (everything that serves the pod's workload). */
const EPHEMERAL_FORBIDDEN_FIELDS = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'lifecycle', ...PROBES];

/** What the container lists are validated against. */
export interface ContainerContext {
  volumes: VolumeMap;
  podClaimNames: ReadonlySet<string>;
  /** spec.terminationGracePeriodSeconds, the bound on sleep hooks. */
  gracePeriod: number | undefined;
  /** false when the pod runs in its own user namespace. */
  hostUsers: boolean;
}

function validateContainerCommon(ctr: Json, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ctr.name);
  if (name === '') errs.push(required(path.child('name')));
  else errs.push(...validateDNS1123Label(name, path.child('name')));
  if (str(ctr.image) === '') errs.push(required(path.child('image')));
  const policy = str(ctr.terminationMessagePolicy);
  if (policy === '') errs.push(required(path.child('terminationMessagePolicy')));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(policy)) {
    errs.push(notSupported(path.child('terminationMessagePolicy'), policy, TERMINATION_MESSAGE_POLICIES));
  }
  const mounts = pathsByName(ctr.volumeMounts, 'mountPath');
  const devices = pathsByName(ctr.volumeDevices, 'devicePath');
  errs.push(...validateContainerPorts(ctr.ports, path.child('ports')));
  errs.push(...validateEnv(ctr.env, path.child('env')));
  errs.push(...validateEnvFrom(ctr.envFrom, path.child('envFrom')));
  errs.push(...validateVolumeMounts(ctr.volumeMounts, devices, ctx.volumes, ctr, path.child('volumeMounts')));
  errs.push(...validateVolumeDevices(ctr.volumeDevices, mounts, ctx.volumes, path.child('volumeDevices')));
  const pullPolicy = str(ctr.imagePullPolicy);
  if (pullPolicy === '') errs.push(required(path.child('imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pullPolicy))
    errs.push(notSupported(path.child('imagePullPolicy'), pullPolicy, PULL_POLICIES));
  errs.push(...validateContainerResources(ctr.resources, ctx.podClaimNames, path.child('resources')));
  errs.push(...validateContainerSecurityContext(ctr.securityContext, path.child('securityContext'), ctx.hostUsers));
  return errs;
}

function validateProbesAndHooks(ctr: Json, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (isSet(ctr, 'lifecycle')) errs.push(...validateLifecycle(ctr.lifecycle, ctx.gracePeriod, path.child('lifecycle')));
  for (const probe of PROBES) errs.push(...validateProbeOfKind(probe, ctr[probe], ctx.gracePeriod, path.child(probe)));
  return errs;
}

/** Host ports must not collide (protocol, host IP and port) within the containers given (indexed from 0). */
function checkHostPortConflicts(containers: Json[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((ctr, ci) => {
    records(ctr.ports).forEach((port, pi) => {
      const hostPort = num(port.hostPort);
      if (hostPort === 0) return;
      const key = `${str(port.protocol)}/${str(port.hostIP)}/${hostPort}`;
      const at = path.index(ci).child('ports').index(pi).child('hostPort');
      if (seen.has(key)) errs.push(duplicate(at, key));
      else seen.add(key);
    });
  });
  return errs;
}

export function validateContainers(containers: unknown, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const list = records(containers);
  if (list.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((ctr, i) => {
    const at = path.index(i);
    errs.push(...validateContainerCommon(ctr, ctx, at));
    const name = str(ctr.name);
    if (names.has(name)) errs.push(duplicate(at.child('name'), name));
    else names.add(name);
    errs.push(...validateProbesAndHooks(ctr, ctx, at));
    if (isSet(ctr, 'restartPolicy'))
      errs.push(forbiddenField(at.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(list, path));
  return errs;
}

export function validateInitContainers(
  initContainers: unknown,
  containers: unknown,
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(records(containers).map((c) => str(c.name)));
  records(initContainers).forEach((ctr, i) => {
    const at = path.index(i);
    errs.push(...validateContainerCommon(ctr, ctx, at));
    let restartAlways = false;
    if (isSet(ctr, 'restartPolicy')) {
      if (ctr.restartPolicy === 'Always') restartAlways = true;
      else errs.push(notSupported(at.child('restartPolicy'), ctr.restartPolicy, ['Always']));
    }
    const name = str(ctr.name);
    if (names.has(name)) errs.push(duplicate(at.child('name'), name));
    else if (name !== '') names.add(name);
    errs.push(...checkHostPortConflicts([ctr], path));
    if (restartAlways) {
      errs.push(...validateProbesAndHooks(ctr, ctx, at));
    } else {
      for (const field of ['lifecycle', ...PROBES]) {
        if (isSet(ctr, field))
          errs.push(forbiddenField(at.child(field), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

export function validateEphemeralContainers(
  ephemeralContainers: unknown,
  containers: unknown,
  initContainers: unknown,
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const others = new Set([...records(containers), ...records(initContainers)].map((c) => str(c.name)));
  const all = new Set(others);
  records(ephemeralContainers).forEach((ctr, i) => {
    const at = path.index(i);
    errs.push(...validateContainerCommon(ctr, ctx, at));
    errs.push(...validateImageWhitespace(ctr, at));
    const name = str(ctr.name);
    if (all.has(name)) errs.push(duplicate(at.child('name'), name));
    else all.add(name);
    const target = str(ctr.targetContainerName);
    if (target !== '' && !others.has(target)) errs.push(notFoundField(at.child('targetContainerName'), target));
    for (const field of EPHEMERAL_FORBIDDEN_FIELDS) {
      if (!isZeroValue(ctr[field]))
        errs.push(forbiddenField(at.child(field), 'cannot be set for an Ephemeral Container'));
    }
    records(ctr.volumeMounts).forEach((mount, j) => {
      for (const field of ['subPath', 'subPathExpr']) {
        if (str(mount[field]) !== '') {
          errs.push(
            forbiddenField(at.child('volumeMounts').index(j).child(field), 'cannot be set for an Ephemeral Container'),
          );
        }
      }
    });
  });
  return errs;
}

/** Pods (not templates) may not have images with leading or trailing whitespace. */
export function validateImageWhitespace(ctr: Json, path: FieldPath): FieldError[] {
  const image = str(ctr.image);
  return image.trim() !== image
    ? [invalidValue(path.child('image'), image, 'must not have leading or trailing whitespace')]
    : [];
}
