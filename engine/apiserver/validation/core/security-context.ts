// Security contexts of pods and containers (validatePodSpecSecurityContext, ValidateSecurityContext): user and
// group IDs in range, seccomp and AppArmor profiles, sysctls, and combinations that make no sense together.

import { duplicate, invalidValue, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { bool, list, optNum, record, records, str } from '../access.ts';
import type { Json } from '../access.ts';
import { isValidGroupID, isValidUserID } from '../formats.ts';
import { invalidEach } from '../generic.ts';
import { validateLocalDescendingPath } from './paths.ts';

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_FMT = `(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}`;
const sysctlName = new RegExp(`^${SYSCTL_FMT}$`);
const SYSCTL_MAX_LENGTH = 253;

function validateSeccompProfile(value: unknown, path: FieldPath): FieldError[] {
  const profile = record(value);
  if (!profile) return [];
  const errs: FieldError[] = [];
  const type = str(profile.type);
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (type === '') errs.push(required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (!types.includes(type)) errs.push(notSupported(path.child('type'), type, types));
  const localhost = profile.localhostProfile;
  if (type === 'Localhost') {
    if (typeof localhost !== 'string')
      errs.push(required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(localhost, path.child('localhostProfile')));
  } else if (localhost !== undefined && localhost !== null) {
    errs.push(invalidValue(path.child('localhostProfile'), profile, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

function validateAppArmorProfile(value: unknown, path: FieldPath): FieldError[] {
  const profile = record(value);
  if (!profile) return [];
  const type = str(profile.type);
  const localhost = profile.localhostProfile;
  switch (type) {
    case 'Localhost': {
      if (typeof localhost !== 'string')
        return [required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost')];
      if (localhost.trim() !== localhost)
        return [invalidValue(path.child('localhostProfile'), localhost, 'must not be padded with whitespace')];
      if (localhost === '')
        return [required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost')];
      return [];
    }
    case 'RuntimeDefault':
    case 'Unconfined':
      return localhost !== undefined && localhost !== null
        ? [invalidValue(path.child('localhostProfile'), localhost, 'can only be set when AppArmor type is Localhost')]
        : [];
    case '':
      return [required(path.child('type'), 'type is required when appArmorProfile is set')];
    default:
      return [notSupported(path.child('type'), type, ['Localhost', 'RuntimeDefault', 'Unconfined'])];
  }
}

function validateIDs(sc: Json, path: FieldPath, fields: { user: string[]; group: string[] }): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of fields.user) {
    const id = optNum(sc[field]);
    if (id !== undefined) errs.push(...invalidEach(path.child(field), id, isValidUserID(id)));
  }
  for (const field of fields.group) {
    const id = optNum(sc[field]);
    if (id !== undefined) errs.push(...invalidEach(path.child(field), id, isValidGroupID(id)));
  }
  return errs;
}

/** The namespace a sysctl belongs to, for the hostNetwork and hostIPC rules. */
function sysctlNamespace(name: string): 'net' | 'ipc' | '' {
  const normalized = name.replace(/\//g, '.');
  if (normalized.startsWith('net.')) return 'net';
  if (
    normalized.startsWith('kernel.shm') ||
    normalized.startsWith('kernel.msg') ||
    normalized === 'kernel.sem' ||
    normalized.startsWith('fs.mqueue.')
  ) {
    return 'ipc';
  }
  return '';
}

function validateSysctls(sysctls: unknown, spec: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  records(sysctls).forEach((sysctl, i) => {
    const name = str(sysctl.name);
    const at = path.index(i).child('name');
    if (name === '') errs.push(required(at));
    else if (name.length > SYSCTL_MAX_LENGTH || !sysctlName.test(name)) {
      errs.push(
        invalidValue(at, name, `must have at most ${SYSCTL_MAX_LENGTH} characters and match regex ^${SYSCTL_FMT}$`),
      );
    } else if (seen.has(name)) errs.push(duplicate(at, name));
    const ns = sysctlNamespace(name);
    if (bool(spec.hostNetwork) && ns === 'net')
      errs.push(invalidValue(at, name, "may not be specified when 'hostNetwork' is true"));
    if (bool(spec.hostIPC) && ns === 'ipc')
      errs.push(invalidValue(at, name, "may not be specified when 'hostIPC' is true"));
    seen.add(name);
  });
  return errs;
}

/** spec.securityContext, read together with the spec's host namespace switches. */
export function validatePodSecurityContext(spec: Json, path: FieldPath): FieldError[] {
  const sc = record(spec.securityContext);
  if (!sc) return [];
  const errs = validateIDs(sc, path, { user: ['runAsUser'], group: ['fsGroup', 'runAsGroup'] });
  list(sc.supplementalGroups).forEach((gid, i) => {
    const id = typeof gid === 'number' ? gid : 0;
    errs.push(...invalidEach(path.child('supplementalGroups').index(i), id, isValidGroupID(id)));
  });
  if (sc.shareProcessNamespace === true && bool(spec.hostPID)) {
    errs.push(
      invalidValue(
        path.child('shareProcessNamespace'),
        true,
        'ShareProcessNamespace and HostPID cannot both be enabled',
      ),
    );
  }
  if (list(sc.sysctls).length > 0) errs.push(...validateSysctls(sc.sysctls, spec, path.child('sysctls')));
  const fsGroupPolicy = sc.fsGroupChangePolicy;
  if (
    fsGroupPolicy !== undefined &&
    fsGroupPolicy !== null &&
    !['Always', 'OnRootMismatch'].includes(str(fsGroupPolicy))
  ) {
    errs.push(notSupported(path.child('fsGroupChangePolicy'), fsGroupPolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, path.child('seccompProfile')));
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, path.child('appArmorProfile')));
  const groupsPolicy = sc.supplementalGroupsPolicy;
  if (groupsPolicy !== undefined && groupsPolicy !== null && !['Merge', 'Strict'].includes(str(groupsPolicy))) {
    errs.push(notSupported(path.child('supplementalGroupsPolicy'), groupsPolicy, ['Merge', 'Strict']));
  }
  return errs;
}

/** A container's securityContext; `hostUsers` is false when the pod runs in a user namespace. */
export function validateContainerSecurityContext(value: unknown, path: FieldPath, hostUsers: boolean): FieldError[] {
  const sc = record(value);
  if (!sc) return [];
  const errs = validateIDs(sc, path, { user: ['runAsUser'], group: ['runAsGroup'] });
  const procMount = sc.procMount;
  if (procMount !== undefined && procMount !== null) {
    if (procMount !== 'Default' && procMount !== 'Unmasked')
      errs.push(notSupported(path.child('procMount'), procMount, ['Default', 'Unmasked']));
    if (hostUsers && procMount === 'Unmasked')
      errs.push(invalidValue(path.child('procMount'), procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, path.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      errs.push(invalidValue(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    }
    const added = list(record(sc.capabilities)?.add).map(str);
    if (added.includes('CAP_SYS_ADMIN')) {
      errs.push(
        invalidValue(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'),
      );
    }
  }
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, path.child('appArmorProfile')));
  return errs;
}
