// A PodSpec, wherever it appears (ValidatePodSpec, ValidatePodTemplateSpec): volumes, the three container lists,
// restart and DNS policies, host namespaces, scheduling constraints, and the pod-level fields that name other
// objects (service account, node, priority class, runtime class).

import { duplicate, forbiddenField, invalidValue, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { bool, isRecord, list, num, optNum, record, records, recordOrEmpty, str, stringMap } from '../access.ts';
import type { Json } from '../access.ts';
import { invalidEach, validateDNS1123Label, validateDNS1123Subdomain, validateQualifiedName } from '../generic.ts';
import { validateIP } from '../ip.ts';
import { validateAnnotations, validateLabels } from '../labels.ts';
import { inclusiveRangeError } from '../messages.ts';
import { nameIsDNSSubdomain } from '../names.ts';
import { validateContainers, validateEphemeralContainers, validateInitContainers } from './containers.ts';
import type { ContainerContext } from './containers.ts';
import { validateResourceList } from './quantities.ts';
import { validateContainerResourceName } from './resource-names.ts';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './scheduling.ts';
import { validatePodSecurityContext } from './security-context.ts';
import { validateVolumes } from './volumes.ts';

const MAX_INT32 = 2147483647;
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCH_PATHS = 32;
const MAX_DNS_SEARCH_LIST_CHARS = 2048;
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export interface PodSpecOptions {
  /** The spec is a Pod's own, not a template's (host ports must then match container ports on the host network). */
  resourceIsPod: boolean;
  /** The pod's name, for generic ephemeral volumes ("" for templates). */
  podName: string;
}

function validateDNSConfig(spec: Json, path: FieldPath): FieldError[] {
  const config = record(spec.dnsConfig);
  if (spec.dnsPolicy === 'None') {
    if (!config) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (list(config.nameservers).length === 0) {
      return [required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!config) return [];
  const errs: FieldError[] = [];
  const nameservers = list(config.nameservers).map(str);
  if (nameservers.length > MAX_DNS_NAMESERVERS) {
    errs.push(
      invalidValue(
        path.child('nameservers'),
        nameservers,
        `must not have more than ${MAX_DNS_NAMESERVERS} nameservers`,
      ),
    );
  }
  nameservers.forEach((ns, i) => errs.push(...validateIP(path.child('nameservers').index(i), ns)));
  const searches = list(config.searches).map(str);
  if (searches.length > MAX_DNS_SEARCH_PATHS) {
    errs.push(
      invalidValue(path.child('searches'), searches, `must not have more than ${MAX_DNS_SEARCH_PATHS} search paths`),
    );
  }
  if (searches.join(' ').length > MAX_DNS_SEARCH_LIST_CHARS) {
    errs.push(
      invalidValue(
        path.child('searches'),
        searches,
        `must not have more than ${MAX_DNS_SEARCH_LIST_CHARS} characters (including spaces) in the search list`,
      ),
    );
  }
  searches.forEach((search, i) =>
    errs.push(...validateDNS1123Subdomain(search.replace(/\.$/, ''), path.child('searches').index(i))),
  );
  records(config.options).forEach((option, i) => {
    if (str(option.name) === '') errs.push(required(path.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

function validateResourceClaims(claims: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  records(claims).forEach((claim, i) => {
    const at = path.index(i);
    const name = str(claim.name);
    if (name === '') errs.push(required(at.child('name')));
    else if (names.has(name)) errs.push(duplicate(at.child('name'), name));
    else {
      errs.push(...validateDNS1123Label(name, at.child('name')));
      names.add(name);
    }
    const claimName = claim.resourceClaimName;
    const templateName = claim.resourceClaimTemplateName;
    const hasClaim = typeof claimName === 'string';
    const hasTemplate = typeof templateName === 'string';
    if (hasClaim && hasTemplate)
      errs.push(
        invalidValue(at, claim, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'),
      );
    if (!hasClaim && !hasTemplate)
      errs.push(invalidValue(at, claim, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    if (hasClaim)
      errs.push(...invalidEach(at.child('resourceClaimName'), claimName, nameIsDNSSubdomain(claimName, false)));
    if (hasTemplate)
      errs.push(
        ...invalidEach(at.child('resourceClaimTemplateName'), templateName, nameIsDNSSubdomain(templateName, false)),
      );
  });
  return errs;
}

function validateHostNetworkPorts(spec: Json, path: FieldPath, resourceIsPod: boolean): FieldError[] {
  if (!bool(spec.hostNetwork)) return [];
  const errs: FieldError[] = [];
  records(spec.containers).forEach((ctr, i) => {
    records(ctr.ports).forEach((port, j) => {
      const hostPort = num(port.hostPort);
      if ((resourceIsPod || hostPort !== 0) && hostPort !== num(port.containerPort)) {
        const at = path.child('containers').index(i).child('ports').index(j).child('hostPort');
        errs.push(invalidValue(at, hostPort, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

function validateEnumField(value: unknown, values: string[], path: FieldPath): FieldError[] {
  const text = str(value);
  if (text === '') return [required(path)];
  return values.includes(text) ? [] : [notSupported(path, text, values)];
}

/** spec.os, and the fields the chosen OS does not support. */
function validateOS(spec: Json, specPath: FieldPath): FieldError[] {
  const os = record(spec.os);
  if (!os) return [];
  const osPath = specPath.child('os');
  const name = str(os.name);
  if (name === '') return [required(osPath.child('name'), 'cannot be empty')];
  if (name !== 'linux' && name !== 'windows') return [notSupported(osPath, name, ['linux', 'windows'])];
  const errs: FieldError[] = [];
  const sc = recordOrEmpty(spec.securityContext);
  const containerPaths: [Json, FieldPath][] = [];
  for (const list_ of ['initContainers', 'containers', 'ephemeralContainers']) {
    records(spec[list_]).forEach((c, i) => containerPaths.push([c, specPath.child(list_).index(i)]));
  }
  if (name === 'linux') {
    if (record(sc.windowsOptions))
      errs.push(
        forbiddenField(
          specPath.child('securityContext').child('windowsOptions'),
          'windows options cannot be set for a linux pod',
        ),
      );
    for (const [c, at] of containerPaths) {
      if (record(recordOrEmpty(c.securityContext).windowsOptions)) {
        errs.push(
          forbiddenField(
            at.child('securityContext').child('windowsOptions'),
            'windows options cannot be set for a linux pod',
          ),
        );
      }
    }
    return errs;
  }
  for (const field of [
    'appArmorProfile',
    'seLinuxOptions',
    'seccompProfile',
    'fsGroup',
    'fsGroupChangePolicy',
    'runAsUser',
    'runAsGroup',
    'supplementalGroups',
  ]) {
    if (sc[field] !== undefined && sc[field] !== null)
      errs.push(forbiddenField(specPath.child('securityContext').child(field), 'cannot be set for a windows pod'));
  }
  if (list(sc.sysctls).length > 0)
    errs.push(forbiddenField(specPath.child('securityContext').child('sysctls'), 'cannot be set for a windows pod'));
  if (bool(spec.hostPID)) errs.push(forbiddenField(specPath.child('hostPID'), 'cannot be set for a windows pod'));
  if (bool(spec.hostIPC)) errs.push(forbiddenField(specPath.child('hostIPC'), 'cannot be set for a windows pod'));
  for (const [c, at] of containerPaths) {
    const csc = record(c.securityContext);
    if (!csc) continue;
    for (const field of [
      'appArmorProfile',
      'seLinuxOptions',
      'seccompProfile',
      'capabilities',
      'readOnlyRootFilesystem',
      'privileged',
      'allowPrivilegeEscalation',
      'procMount',
      'runAsUser',
      'runAsGroup',
    ]) {
      if (csc[field] !== undefined && csc[field] !== null)
        errs.push(forbiddenField(at.child('securityContext').child(field), 'cannot be set for a windows pod'));
    }
  }
  return errs;
}

export function validatePodSpec(spec: Json, options: PodSpecOptions, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const gracePeriod = optNum(spec.terminationGracePeriodSeconds);
  if (gracePeriod === undefined) errs.push(required(path.child('terminationGracePeriodSeconds')));
  const sc = recordOrEmpty(spec.securityContext);
  const hostUsers = sc.hostUsers !== false;
  const { volumes, errors } = validateVolumes(spec.volumes, options.podName, path.child('volumes'));
  errs.push(...errors);
  errs.push(...validateResourceClaims(spec.resourceClaims, path.child('resourceClaims')));
  const ctx: ContainerContext = {
    volumes,
    podClaimNames: new Set(
      records(spec.resourceClaims)
        .map((c) => str(c.name))
        .filter((n) => n !== ''),
    ),
    gracePeriod,
    hostUsers,
  };
  errs.push(...validateContainers(spec.containers, ctx, path.child('containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, ctx, path.child('initContainers')));
  errs.push(
    ...validateEphemeralContainers(
      spec.ephemeralContainers,
      spec.containers,
      spec.initContainers,
      ctx,
      path.child('ephemeralContainers'),
    ),
  );
  errs.push(...validateHostNetworkPorts(spec, path, options.resourceIsPod));
  errs.push(...validateEnumField(spec.restartPolicy, RESTART_POLICIES, path.child('restartPolicy')));
  errs.push(...validateEnumField(spec.dnsPolicy, DNS_POLICIES, path.child('dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, path.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(spec, path.child('securityContext')));
  records(spec.imagePullSecrets).forEach((secret, i) => {
    if (Object.keys(secret).some((k) => k !== 'name'))
      errs.push(invalidValue(path.child('imagePullSecrets').index(i), secret, 'only name may be set'));
  });
  errs.push(...validateAffinity(spec.affinity, path.child('affinity')));
  errs.push(...validateDNSConfig(spec, path.child('dnsConfig')));
  records(spec.readinessGates).forEach((gate, i) => {
    errs.push(
      ...validateQualifiedName(str(gate.conditionType), path.child('readinessGates').index(i).child('conditionType')),
    );
  });
  const gates = new Set<string>();
  records(spec.schedulingGates).forEach((gate, i) => {
    const name = str(gate.name);
    errs.push(...validateQualifiedName(name, path.child('schedulingGates').index(i)));
    if (gates.has(name)) errs.push(duplicate(path.child('schedulingGates').index(i), name));
    gates.add(name);
  });
  errs.push(
    ...validateTopologySpreadConstraints(spec.topologySpreadConstraints, path.child('topologySpreadConstraints')),
  );
  if (!hostUsers) {
    if (bool(spec.hostNetwork))
      errs.push(forbiddenField(path.child('hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (bool(spec.hostPID)) errs.push(forbiddenField(path.child('HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (bool(spec.hostIPC)) errs.push(forbiddenField(path.child('HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  for (const field of ['serviceAccountName', 'nodeName', 'priorityClassName']) {
    const value = str(spec[field]);
    if (value !== '') errs.push(...invalidEach(path.child(field), value, nameIsDNSSubdomain(value, false)));
  }
  const deadline = optNum(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(invalidValue(path.child('activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const field of ['hostname', 'subdomain']) {
    const value = str(spec[field]);
    if (value !== '') errs.push(...validateDNS1123Label(value, path.child(field)));
  }
  errs.push(...validateTolerations(spec.tolerations, path.child('tolerations')));
  records(spec.hostAliases).forEach((alias, i) => {
    const at = path.child('hostAliases').index(i);
    errs.push(...validateIP(at.child('ip'), str(alias.ip)));
    list(alias.hostnames).forEach((h, j) =>
      errs.push(...validateDNS1123Subdomain(str(h), at.child('hostnames').index(j))),
    );
  });
  if (typeof spec.runtimeClassName === 'string') {
    errs.push(
      ...invalidEach(
        path.child('runtimeClassName'),
        spec.runtimeClassName,
        nameIsDNSSubdomain(spec.runtimeClassName, false),
      ),
    );
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    errs.push(
      ...validateEnumField(spec.preemptionPolicy, ['PreemptLowerPriority', 'Never'], path.child('preemptionPolicy')),
    );
  }
  if (isRecord(spec.overhead))
    errs.push(...validateResourceList(spec.overhead, path.child('overhead'), validateContainerResourceName));
  errs.push(...validateOS(spec, path));
  return errs;
}

function validateSeccompAnnotationValue(value: string, path: FieldPath): FieldError[] {
  if (value === 'runtime/default' || value === 'docker/default' || value === 'unconfined') return [];
  if (value.startsWith('localhost/')) {
    const profile = value.slice('localhost/'.length);
    const errs: FieldError[] = [];
    if (profile.startsWith('/')) errs.push(invalidValue(path, profile, 'must be a relative path'));
    if (profile.split('/').includes('..')) errs.push(invalidValue(path, profile, "must not contain '..'"));
    return errs;
  }
  return [invalidValue(path, value, 'must be a valid seccomp profile')];
}

/** Annotations with meaning for pods: mirror pods, deletion cost, seccomp and AppArmor (beta annotations). */
export function validatePodSpecificAnnotations(annotations: unknown, spec: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const map = stringMap(annotations);
  if (MIRROR_POD_ANNOTATION in map && str(spec.nodeName) === '') {
    errs.push(
      invalidValue(
        path.key(MIRROR_POD_ANNOTATION),
        map[MIRROR_POD_ANNOTATION],
        'must set spec.nodeName if mirror pod annotation is set',
      ),
    );
  }
  const cost = map[POD_DELETION_COST_ANNOTATION];
  if (cost !== undefined && !(/^[+-]?\d+$/.test(cost) && Number(cost) >= -(2 ** 31) && Number(cost) < 2 ** 31)) {
    errs.push(invalidValue(path.key(POD_DELETION_COST_ANNOTATION), cost, 'must be a 32bit integer'));
  }
  const containerNames = new Set(
    ['initContainers', 'containers', 'ephemeralContainers'].flatMap((field) =>
      records(spec[field]).map((c) => str(c.name)),
    ),
  );
  for (const [key, value] of Object.entries(map)) {
    if (key === SECCOMP_POD_ANNOTATION || key.startsWith(SECCOMP_CONTAINER_PREFIX))
      errs.push(...validateSeccompAnnotationValue(value, path.child(key)));
    if (key.startsWith(APPARMOR_CONTAINER_PREFIX)) {
      const container = key.slice(APPARMOR_CONTAINER_PREFIX.length);
      if (!containerNames.has(container)) errs.push(invalidValue(path.key(key), container, 'container not found'));
      if (value !== '' && value !== 'runtime/default' && value !== 'unconfined' && !value.startsWith('localhost/')) {
        errs.push(invalidValue(path.key(key), value, `invalid AppArmor profile name: ${JSON.stringify(value)}`));
      }
    }
  }
  return errs;
}

/** A pod template (in workloads and PodTemplates): labels, annotations and the spec; no ephemeral containers. */
export function validatePodTemplateSpec(value: unknown, path: FieldPath): FieldError[] {
  const template = recordOrEmpty(value);
  const meta = recordOrEmpty(template.metadata);
  const spec = recordOrEmpty(template.spec);
  const errs = validateLabels(meta.labels, path.child('labels'));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validatePodSpecificAnnotations(meta.annotations, spec, path.child('annotations')));
  errs.push(...validatePodSpec(spec, { resourceIsPod: false, podName: '' }, path.child('spec')));
  if (list(spec.ephemeralContainers).length > 0) {
    errs.push(
      forbiddenField(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'),
    );
  }
  return errs;
}
