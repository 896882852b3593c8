// Pods (ValidatePodCreate, ValidatePodUpdate, ValidatePodStatusUpdate, ValidatePodEphemeralContainersUpdate,
// ValidatePodBinding): a running pod's spec is almost immutable — images, activeDeadlineSeconds, added tolerations
// and removed scheduling gates are all an update may change.

import { deepCopy } from '../../../api/object.ts';
import { deepEqual } from '../../../api/json.ts';
import { FieldPath, forbiddenField, invalidValue, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { list, optNum, record, records, recordOrEmpty, str } from '../access.ts';
import type { Json } from '../access.ts';
import { describeChanges } from '../diff.ts';
import { invalidEach, validateImmutableField, validateQualifiedName } from '../generic.ts';
import { isIPAddress, isIPv6Address, validateIP } from '../ip.ts';
import { inclusiveRangeError } from '../messages.ts';
import { nameIsDNSSubdomain } from '../names.ts';
import { validateImageWhitespace } from './containers.ts';
import { validatePodSpec, validatePodSpecificAnnotations } from './pod-spec.ts';
import { validateTolerations } from './scheduling.ts';

const MAX_INT32 = 2147483647;
const SPEC = FieldPath.root('spec');
const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function specOf(pod: Json): Json {
  return recordOrEmpty(pod.spec);
}

/** What pods and their updates share: annotations, the spec, and pod-only rules. */
function validatePodMetadataAndSpec(pod: Json): FieldError[] {
  const meta = recordOrEmpty(pod.metadata);
  const spec = specOf(pod);
  const errs = validatePodSpecificAnnotations(meta.annotations, spec, FieldPath.root('metadata').child('annotations'));
  errs.push(...validatePodSpec(spec, { resourceIsPod: true, podName: str(meta.name) }, SPEC));
  if (str(spec.serviceAccountName) === '') {
    records(spec.volumes).forEach((volume, vi) => {
      records(record(volume.projected)?.sources).forEach((source, si) => {
        if (record(source.serviceAccountToken)) {
          const at = SPEC.child('volumes')
            .index(vi)
            .child('projected')
            .child('sources')
            .index(si)
            .child('serviceAccountToken');
          errs.push(forbiddenField(at, 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  records(spec.containers).forEach((c, i) =>
    errs.push(...validateImageWhitespace(c, SPEC.child('containers').index(i))),
  );
  records(spec.initContainers).forEach((c, i) =>
    errs.push(...validateImageWhitespace(c, SPEC.child('initContainers').index(i))),
  );
  return errs;
}

export function validatePodCreate(pod: Json): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = specOf(pod);
  if (list(spec.ephemeralContainers).length > 0)
    errs.push(forbiddenField(SPEC.child('ephemeralContainers'), 'cannot be set on create'));
  if (str(spec.nodeName) !== '' && list(spec.schedulingGates).length > 0) {
    errs.push(forbiddenField(SPEC.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/** Images are required and trimmed; the container lists may not grow or shrink. */
function validateContainerUpdates(
  next: unknown,
  prev: unknown,
  path: FieldPath,
): { errs: FieldError[]; stop: boolean } {
  const nextList = records(next);
  if (nextList.length !== records(prev).length)
    return { errs: [forbiddenField(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  nextList.forEach((ctr, i) => {
    if (str(ctr.image) === '') errs.push(required(path.index(i).child('image')));
    errs.push(...validateImageWhitespace(ctr, path.index(i)));
  });
  return { errs, stop: false };
}

/** Existing tolerations may only gain others (or change their tolerationSeconds). */
function validateOnlyAddedTolerations(next: unknown, prev: unknown, path: FieldPath): FieldError[] {
  const nextList = records(next);
  for (const old of records(prev)) {
    const found = nextList.some((t) =>
      deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, { ...t, tolerationSeconds: t.tolerationSeconds }),
    );
    if (!found) return [forbiddenField(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, path);
}

function validateOnlyDeletedSchedulingGates(next: unknown, prev: unknown, path: FieldPath): FieldError[] {
  const old = new Set(records(prev).map((g) => str(g.name)));
  const errs: FieldError[] = [];
  records(next).forEach((gate, i) => {
    const name = str(gate.name);
    if (!old.has(name))
      errs.push(
        forbiddenField(
          path.index(i).child('name'),
          `only deletion is allowed, but found new scheduling gate '${name}'`,
        ),
      );
  });
  return errs;
}

export function validatePodUpdate(pod: Json, old: Json): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = specOf(pod);
  const oldSpec = specOf(old);
  for (const field of ['containers', 'initContainers']) {
    const { errs: containerErrs, stop } = validateContainerUpdates(spec[field], oldSpec[field], SPEC.child(field));
    errs.push(...containerErrs);
    if (stop) return errs;
  }
  const deadline = optNum(spec.activeDeadlineSeconds);
  const oldDeadline = optNum(oldSpec.activeDeadlineSeconds);
  if (deadline !== undefined) {
    if (deadline < 0 || deadline > MAX_INT32) {
      errs.push(invalidValue(SPEC.child('activeDeadlineSeconds'), deadline, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldDeadline !== undefined && oldDeadline < deadline) {
      errs.push(
        invalidValue(SPEC.child('activeDeadlineSeconds'), deadline, 'must be less than or equal to previous value'),
      );
      return errs;
    }
  } else if (oldDeadline !== undefined) {
    errs.push(
      invalidValue(SPEC.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'),
    );
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, SPEC.child('tolerations')));
  errs.push(
    ...validateOnlyDeletedSchedulingGates(spec.schedulingGates, oldSpec.schedulingGates, SPEC.child('schedulingGates')),
  );
  if (deepEqual(spec, oldSpec)) return errs;

  const munged = deepCopy(spec);
  for (const field of ['containers', 'initContainers']) {
    const oldList = records(oldSpec[field]);
    records(munged[field]).forEach((ctr, i) => {
      const oldImage = oldList[i]?.image;
      if (oldImage === undefined) delete ctr.image;
      else ctr.image = oldImage;
    });
  }
  for (const field of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) {
    if (oldSpec[field] === undefined) delete munged[field];
    else munged[field] = deepCopy(oldSpec[field]);
  }
  const oldGrace = optNum(oldSpec.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = oldGrace;
  if (list(oldSpec.schedulingGates).length > 0) mungeGatedPodScheduling(munged, oldSpec, errs);
  if (!deepEqual(munged, oldSpec)) {
    errs.push(
      forbiddenField(
        SPEC,
        `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${describeChanges(oldSpec, munged, 'core.PodSpec')}`,
      ),
    );
  }
  return errs;
}

/** Gated pods may gain node selector entries and node affinity requirements before they are scheduled. */
function mungeGatedPodScheduling(munged: Json, oldSpec: Json, errs: FieldError[]): void {
  const oldSelector = recordOrEmpty(oldSpec.nodeSelector);
  const newSelector = recordOrEmpty(munged.nodeSelector);
  if (!deepEqual(munged.nodeSelector ?? null, oldSpec.nodeSelector ?? null)) {
    const removed = Object.keys(oldSelector).some((k) => newSelector[k] !== oldSelector[k]);
    if (removed) {
      errs.push(
        invalidValue(
          SPEC.child('nodeSelector'),
          newSelector,
          'only additions to spec.nodeSelector are allowed (no mutations or deletions)',
        ),
      );
    }
    if (oldSpec.nodeSelector === undefined) delete munged.nodeSelector;
    else munged.nodeSelector = deepCopy(oldSpec.nodeSelector);
  }
  const oldAffinity = record(oldSpec.affinity);
  const newAffinity = record(munged.affinity);
  const oldNode = record(oldAffinity?.nodeAffinity);
  const newNode = record(newAffinity?.nodeAffinity);
  if (deepEqual(oldNode ?? null, newNode ?? null)) return;
  const oldTerms = records(record(oldNode?.requiredDuringSchedulingIgnoredDuringExecution)?.nodeSelectorTerms);
  const newTerms = records(record(newNode?.requiredDuringSchedulingIgnoredDuringExecution)?.nodeSelectorTerms);
  const termsPath = SPEC.child(
    'affinity',
    'nodeAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
    'nodeSelectorTerms',
  );
  if (oldTerms.length > 0 && oldTerms.length !== newTerms.length) {
    errs.push(
      invalidValue(termsPath, newTerms, 'no additions/deletions to non-empty NodeSelectorTerms list are allowed'),
    );
  } else {
    oldTerms.forEach((term, i) => {
      const next = newTerms[i] ?? {};
      const onlyAdditions = (['matchExpressions', 'matchFields'] as const).every((field) => {
        const before = list(term[field]);
        const after = list(next[field]);
        return after.length >= before.length && deepEqual(after.slice(0, before.length), before);
      });
      const wasEmpty = list(term.matchExpressions).length === 0 && list(term.matchFields).length === 0;
      const nowSet = list(next.matchExpressions).length > 0 || list(next.matchFields).length > 0;
      if (!onlyAdditions || (wasEmpty && nowSet))
        errs.push(invalidValue(termsPath.index(i), next, 'only additions are allowed (no mutations or deletions)'));
    });
  }
  if (!newAffinity) {
    if (oldNode) munged.affinity = { nodeAffinity: deepCopy(oldNode) };
  } else if (!oldAffinity && !newAffinity.podAffinity && !newAffinity.podAntiAffinity) {
    delete munged.affinity;
  } else if (oldNode) {
    newAffinity.nodeAffinity = deepCopy(oldNode);
  } else {
    delete newAffinity.nodeAffinity;
  }
}

const SYSTEM_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized']);

function validatePodIPs(ips: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = records(ips).map((ip) => str(ip.ip));
  values.forEach((ip, i) => errs.push(...validateIP(path.index(i), ip)));
  if (values.length > 1) {
    const valid = values.every(isIPAddress);
    const families = new Set(values.map((ip) => (isIPv6Address(ip) ? 6 : 4)));
    if (valid && (families.size !== 2 || values.length > 2)) {
      errs.push(invalidValue(path, records(ips), 'may specify no more than one IP for each IP family'));
    }
  }
  return errs;
}

/** A non-terminated container may not come back from Terminated unless the restart policy allows it. */
function validateStateTransitions(next: unknown, prev: unknown, restartPolicy: string, path: FieldPath): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errs: FieldError[] = [];
  records(prev).forEach((old, i) => {
    const terminated = record(recordOrEmpty(old.state).terminated);
    if (!terminated) return;
    if ((optNum(terminated.exitCode) ?? 0) !== 0 && restartPolicy === 'OnFailure') return;
    for (const status of records(next)) {
      if (str(status.name) === str(old.name) && !record(recordOrEmpty(status.state).terminated)) {
        errs.push(forbiddenField(path.index(i).child('state'), 'may not be transitioned to non-terminated state'));
      }
    }
  });
  return errs;
}

export function validatePodStatusUpdate(pod: Json, old: Json): FieldError[] {
  const meta = recordOrEmpty(pod.metadata);
  const status = recordOrEmpty(pod.status);
  const oldStatus = recordOrEmpty(old.status);
  const statusPath = FieldPath.root('status');
  const errs = validatePodSpecificAnnotations(
    meta.annotations,
    specOf(pod),
    FieldPath.root('metadata').child('annotations'),
  );
  records(status.conditions).forEach((condition, i) => {
    const type = str(condition.type);
    if (!SYSTEM_CONDITIONS.has(type))
      errs.push(...validateQualifiedName(type, FieldPath.root('metadata').child('conditions').index(i).child('Type')));
  });
  if (str(specOf(pod).nodeName) !== str(specOf(old).nodeName))
    errs.push(forbiddenField(statusPath.child('nodeName'), 'may not be changed directly'));
  const nominated = str(status.nominatedNodeName);
  if (nominated !== str(oldStatus.nominatedNodeName) && nominated !== '') {
    errs.push(...invalidEach(statusPath.child('nominatedNodeName'), nominated, nameIsDNSSubdomain(nominated, false)));
  }
  errs.push(...validateImmutableField(str(status.qosClass), str(oldStatus.qosClass), statusPath.child('qosClass')));
  const restartPolicy = str(specOf(old).restartPolicy);
  errs.push(
    ...validateStateTransitions(
      status.containerStatuses,
      oldStatus.containerStatuses,
      restartPolicy,
      statusPath.child('containerStatuses'),
    ),
  );
  errs.push(
    ...validateStateTransitions(
      status.ephemeralContainerStatuses,
      oldStatus.ephemeralContainerStatuses,
      'Never',
      statusPath.child('ephemeralContainerStatuses'),
    ),
  );
  errs.push(...validatePodIPs(status.podIPs, statusPath.child('podIPs')));
  const hostIPs = records(status.hostIPs);
  if (hostIPs.length > 0 && str(status.hostIP) !== str(hostIPs[0]?.ip)) {
    errs.push(
      invalidValue(statusPath.child('hostIPs').index(0).child('ip'), str(hostIPs[0]?.ip), 'must be equal to `hostIP`'),
    );
  }
  errs.push(...validatePodIPs(status.hostIPs, statusPath.child('hostIPs')));
  return errs;
}

/** The ephemeralcontainers sub-resource: existing ephemeral containers may be neither removed nor changed. */
export function validatePodEphemeralContainersUpdate(pod: Json, old: Json): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  if (str(recordOrEmpty(recordOrEmpty(old.metadata).annotations)['kubernetes.io/config.mirror']) !== '') {
    return [forbiddenField(FieldPath.root(''), 'static pods do not support ephemeral containers')];
  }
  const path = SPEC.child('ephemeralContainers');
  const byName = new Map(records(specOf(pod).ephemeralContainers).map((c) => [str(c.name), c]));
  for (const prev of records(specOf(old).ephemeralContainers)) {
    const next = byName.get(str(prev.name));
    if (!next)
      errs.push(
        forbiddenField(path, `existing ephemeral containers ${JSON.stringify(str(prev.name))} may not be removed\n`),
      );
    else if (!deepEqual(prev, next)) {
      errs.push(
        forbiddenField(
          path,
          `existing ephemeral containers ${JSON.stringify(str(prev.name))} may not be changed\n${describeChanges(prev, next, 'core.EphemeralContainer')}`,
        ),
      );
    }
  }
  return errs;
}

export function validateBinding(binding: Json): FieldError[] {
  const errs: FieldError[] = [];
  const target = recordOrEmpty(binding.target);
  const kind = str(target.kind);
  if (kind !== '' && kind !== 'Node')
    errs.push(notSupported(FieldPath.root('target').child('kind'), kind, ['Node', '<empty>']));
  if (str(target.name) === '') errs.push(required(FieldPath.root('target').child('name')));
  return errs;
}
