// The apps group (pkg/apis/apps/validation): Deployments, ReplicaSets, StatefulSets, DaemonSets and
// ControllerRevisions — selectors that are required, non-empty and match their template, pods that always restart,
// rolling-update parameters that can make progress, and selectors that never change.

import { deepCopy } from '../../api/object.ts';
import { FieldPath, forbiddenField, invalidValue, notSupported, required } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { deepEqual } from '../../api/json.ts';
import { isRecord, list, num, optNum, record, records, recordOrEmpty, str } from './access.ts';
import type { Json } from './access.ts';
import { validateImmutableField, validateNonnegative } from './generic.ts';
import { intOrPercentValue, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent.ts';
import { validateAnnotations, validateLabels } from './labels.ts';
import { labelSelectorAsSelector, selectorMatches, validateLabelSelector } from './label-selector.ts';
import type { Selector } from './label-selector.ts';
import { validatePersistentVolumeClaimSpec } from './core/persistent-volume-claim.ts';
import { validatePodSpecificAnnotations, validatePodTemplateSpec } from './core/pod-spec.ts';
import { validateReplicaCountsStatus } from './core/replication-controller.ts';

const SPEC = FieldPath.root('spec');
const STATUS = FieldPath.root('status');

function specOf(obj: Json): Json {
  return recordOrEmpty(obj.spec);
}

/** spec.selector: required, valid, and not empty; returns the parsed selector when it can be parsed. */
function validateWorkloadSelector(spec: Json, kindWord: string, errs: FieldError[]): Selector | undefined {
  const selector = record(spec.selector);
  if (!selector) errs.push(required(SPEC.child('selector')));
  else {
    errs.push(...validateLabelSelector(selector, {}, SPEC.child('selector')));
    if (Object.keys(recordOrEmpty(selector.matchLabels)).length + list(selector.matchExpressions).length === 0) {
      errs.push(invalidValue(SPEC.child('selector'), selector, `empty selector is invalid for ${kindWord}`));
    }
  }
  return labelSelectorAsSelector(spec.selector);
}

function templateLabels(template: unknown): unknown {
  return recordOrEmpty(recordOrEmpty(template).metadata).labels;
}

/** A template whose labels the selector matches, that is a valid pod template, whose pods always restart. */
function validatePodTemplateSpecForReplicaSet(
  template: unknown,
  selector: Selector,
  kind: string,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const isEverything = !selector.nothing && selector.requirements.length === 0;
  if (!isEverything && !selectorMatches(selector, templateLabels(template))) {
    errs.push(
      invalidValue(
        path.child('metadata', 'labels'),
        templateLabels(template) ?? null,
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(template, path));
  const podSpec = recordOrEmpty(recordOrEmpty(template).spec);
  if (str(podSpec.restartPolicy) !== 'Always')
    errs.push(notSupported(path.child('spec', 'restartPolicy'), str(podSpec.restartPolicy), ['Always']));
  if (optNum(podSpec.activeDeadlineSeconds) !== undefined) {
    errs.push(
      forbiddenField(path.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`),
    );
  }
  return errs;
}

function validateRollingUpdateDeployment(rollingUpdate: Json, path: FieldPath): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(rollingUpdate.maxUnavailable, path.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(rollingUpdate.maxSurge, path.child('maxSurge')),
  ];
  if (intOrPercentValue(rollingUpdate.maxUnavailable) === 0 && intOrPercentValue(rollingUpdate.maxSurge) === 0) {
    errs.push(
      invalidValue(
        path.child('maxUnavailable'),
        rollingUpdate.maxUnavailable ?? null,
        'may not be 0 when `maxSurge` is 0',
      ),
    );
  }
  errs.push(...validateNotMoreThan100Percent(rollingUpdate.maxUnavailable, path.child('maxUnavailable')));
  return errs;
}

function validateDeploymentStrategy(strategy: Json, path: FieldPath): FieldError[] {
  switch (str(strategy.type)) {
    case 'Recreate':
      return record(strategy.rollingUpdate)
        ? [forbiddenField(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")]
        : [];
    case 'RollingUpdate': {
      const rollingUpdate = record(strategy.rollingUpdate);
      if (!rollingUpdate) return [required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
      return validateRollingUpdateDeployment(rollingUpdate, path.child('rollingUpdate'));
    }
    default:
      return [notSupported(path, strategy, ['Recreate', 'RollingUpdate'])];
  }
}

function validateDeploymentSpec(spec: Json): FieldError[] {
  const errs = validateNonnegative(num(spec.replicas), SPEC.child('replicas'));
  const selector = validateWorkloadSelector(spec, 'deployment', errs);
  if (!selector) errs.push(invalidValue(SPEC.child('selector'), spec.selector ?? null, 'invalid label selector'));
  else
    errs.push(...validatePodTemplateSpecForReplicaSet(spec.template, selector, 'ReplicaSet', SPEC.child('template')));
  errs.push(...validateDeploymentStrategy(recordOrEmpty(spec.strategy), SPEC.child('strategy')));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), SPEC.child('minReadySeconds')));
  const historyLimit = optNum(spec.revisionHistoryLimit);
  if (historyLimit !== undefined) errs.push(...validateNonnegative(historyLimit, SPEC.child('revisionHistoryLimit')));
  const rollback = record(spec.rollbackTo);
  if (rollback) errs.push(...validateNonnegative(num(rollback.revision), SPEC.child('rollback').child('version')));
  const deadline = optNum(spec.progressDeadlineSeconds);
  if (deadline !== undefined) {
    errs.push(...validateNonnegative(deadline, SPEC.child('progressDeadlineSeconds')));
    if (deadline <= num(spec.minReadySeconds))
      errs.push(invalidValue(SPEC.child('progressDeadlineSeconds'), deadline, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateDeployment(deployment: Json): FieldError[] {
  return validateDeploymentSpec(specOf(deployment));
}

export function validateDeploymentUpdate(deployment: Json, old: Json): FieldError[] {
  return [
    ...validateDeploymentSpec(specOf(deployment)),
    ...validateImmutableField(specOf(deployment).selector, specOf(old).selector, SPEC.child('selector')),
  ];
}

/** collisionCount in status may only grow. */
function validateCollisionCount(obj: Json, old: Json): FieldError[] {
  const next = optNum(recordOrEmpty(obj.status).collisionCount);
  const prev = optNum(recordOrEmpty(old.status).collisionCount);
  const decremented = prev !== undefined && (next === undefined || next < prev);
  return decremented ? [invalidValue(STATUS.child('collisionCount'), next ?? 0, 'cannot be decremented')] : [];
}

export function validateDeploymentStatusUpdate(deployment: Json, old: Json): FieldError[] {
  const status = recordOrEmpty(deployment.status);
  const errs = validateReplicaCountsStatus(status, STATUS, ['updatedReplicas', 'readyReplicas', 'availableReplicas']);
  errs.push(...validateNonnegative(num(status.unavailableReplicas), STATUS.child('unavailableReplicas')));
  const collisions = optNum(status.collisionCount);
  if (collisions !== undefined) errs.push(...validateNonnegative(collisions, STATUS.child('collisionCount')));
  errs.push(...validateCollisionCount(deployment, old));
  return errs;
}

function validateReplicaSetSpec(spec: Json): FieldError[] {
  const errs = [
    ...validateNonnegative(num(spec.replicas), SPEC.child('replicas')),
    ...validateNonnegative(num(spec.minReadySeconds), SPEC.child('minReadySeconds')),
  ];
  const selector = validateWorkloadSelector(spec, 'deployment', errs);
  if (!selector) errs.push(invalidValue(SPEC.child('selector'), spec.selector ?? null, 'invalid label selector'));
  else
    errs.push(...validatePodTemplateSpecForReplicaSet(spec.template, selector, 'ReplicaSet', SPEC.child('template')));
  return errs;
}

export function validateReplicaSet(replicaSet: Json): FieldError[] {
  return validateReplicaSetSpec(specOf(replicaSet));
}

export function validateReplicaSetUpdate(replicaSet: Json, old: Json): FieldError[] {
  return [
    ...validateReplicaSetSpec(specOf(replicaSet)),
    ...validateImmutableField(specOf(replicaSet).selector, specOf(old).selector, SPEC.child('selector')),
  ];
}

export function validateReplicaSetStatusUpdate(replicaSet: Json): FieldError[] {
  return validateReplicaCountsStatus(replicaSet.status, STATUS, [
    'fullyLabeledReplicas',
    'readyReplicas',
    'availableReplicas',
  ]);
}

function validateStatefulSetUpdateStrategy(strategy: Json, path: FieldPath): FieldError[] {
  const rollingUpdate = record(strategy.rollingUpdate);
  switch (str(strategy.type)) {
    case '':
      return [required(path)];
    case 'OnDelete':
      return rollingUpdate
        ? [invalidValue(path.child('rollingUpdate'), rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'")]
        : [];
    case 'RollingUpdate': {
      if (!rollingUpdate) return [];
      const at = path.child('rollingUpdate');
      const errs = validateNonnegative(num(rollingUpdate.partition), at.child('partition'));
      const maxUnavailable = rollingUpdate.maxUnavailable;
      if (maxUnavailable !== undefined && maxUnavailable !== null) {
        errs.push(...validatePositiveIntOrPercent(maxUnavailable, at.child('maxUnavailable')));
        if (intOrPercentValue(maxUnavailable) === 0)
          errs.push(invalidValue(at.child('maxUnavailable'), maxUnavailable, 'cannot be 0'));
        errs.push(...validateNotMoreThan100Percent(maxUnavailable, at.child('maxUnavailable')));
      }
      return errs;
    }
    default:
      return [invalidValue(path, strategy, "must be 'RollingUpdate' or 'OnDelete'")];
  }
}

interface StatefulSetOptions {
  /** Tolerate stored objects whose template no longer validates (update of an old object). */
  skipTemplate: boolean;
  skipClaimTemplates: boolean;
}

/** The template as the controller will stamp it: hostname and subdomain set by it, claim templates as volumes. */
function statefulSetTemplateToValidate(spec: Json): Json {
  const template = deepCopy(recordOrEmpty(spec.template));
  const podSpec = recordOrEmpty(template.spec);
  delete podSpec.hostname;
  delete podSpec.subdomain;
  const claims = records(spec.volumeClaimTemplates);
  if (claims.length > 0) {
    const claimNames = new Set(claims.map((c) => str(recordOrEmpty(c.metadata).name)));
    const claimVolumes = [...claimNames].map((name) => ({ name, persistentVolumeClaim: { claimName: name } }));
    podSpec.volumes = [...claimVolumes, ...records(podSpec.volumes).filter((v) => !claimNames.has(str(v.name)))];
  }
  template.spec = podSpec;
  return template;
}

function validateStatefulSetSpec(spec: Json, options: StatefulSetOptions): FieldError[] {
  const errs: FieldError[] = [];
  const policy = str(spec.podManagementPolicy);
  if (policy === '') errs.push(required(SPEC.child('podManagementPolicy')));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(invalidValue(SPEC.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateStatefulSetUpdateStrategy(recordOrEmpty(spec.updateStrategy), SPEC.child('updateStrategy')));
  const retention = record(spec.persistentVolumeClaimRetentionPolicy);
  if (retention) {
    for (const field of ['whenDeleted', 'whenScaled']) {
      const value = str(retention[field]);
      if (value !== 'Retain' && value !== 'Delete') {
        errs.push(
          notSupported(SPEC.child('persistentVolumeClaimRetentionPolicy').child(field), value, ['Retain', 'Delete']),
        );
      }
    }
  }
  if (!options.skipClaimTemplates) {
    records(spec.volumeClaimTemplates).forEach((claim, i) => {
      errs.push(
        ...validatePersistentVolumeClaimSpec(claim.spec, SPEC.child('volumeClaimTemplates').index(i).child('spec')),
      );
    });
  }
  errs.push(...validateNonnegative(num(spec.replicas), SPEC.child('replicas')));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), SPEC.child('minReadySeconds')));
  const ordinals = record(spec.ordinals);
  if (ordinals) errs.push(...validateNonnegative(num(ordinals.start), SPEC.child('ordinals.start')));
  const selector = validateWorkloadSelector(spec, 'statefulset', errs);
  if (!selector) {
    errs.push(invalidValue(SPEC.child('selector'), spec.selector ?? null, ''));
  } else {
    const template = statefulSetTemplateToValidate(spec);
    const templatePath = SPEC.child('template');
    const labels = templateLabels(spec.template);
    const isEverything = !selector.nothing && selector.requirements.length === 0;
    if (!isEverything && !selectorMatches(selector, labels)) {
      errs.push(
        invalidValue(
          templatePath.child('metadata', 'labels'),
          labels ?? null,
          '`selector` does not match template `labels`',
        ),
      );
    }
    if (!options.skipTemplate) errs.push(...validatePodTemplateSpec(template, templatePath));
    const meta = recordOrEmpty(template.metadata);
    errs.push(...validateLabels(meta.labels, templatePath.child('labels')));
    errs.push(...validateAnnotations(meta.annotations, templatePath.child('annotations')));
    errs.push(
      ...validatePodSpecificAnnotations(
        meta.annotations,
        recordOrEmpty(template.spec),
        templatePath.child('annotations'),
      ),
    );
  }
  const podSpec = recordOrEmpty(recordOrEmpty(spec.template).spec);
  if (str(podSpec.restartPolicy) !== 'Always')
    errs.push(notSupported(SPEC.child('template', 'spec', 'restartPolicy'), str(podSpec.restartPolicy), ['Always']));
  if (optNum(podSpec.activeDeadlineSeconds) !== undefined) {
    errs.push(
      forbiddenField(
        SPEC.child('template', 'spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in StatefulSet is not Supported',
      ),
    );
  }
  return errs;
}

export function validateStatefulSet(statefulSet: Json): FieldError[] {
  return validateStatefulSetSpec(specOf(statefulSet), { skipTemplate: false, skipClaimTemplates: false });
}

const STATEFULSET_MUTABLE_FIELDS = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'revisionHistoryLimit',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

export function validateStatefulSetUpdate(statefulSet: Json, old: Json): FieldError[] {
  const spec = specOf(statefulSet);
  const oldSpec = specOf(old);
  const oldInvalid = validateStatefulSetSpec(oldSpec, { skipTemplate: false, skipClaimTemplates: true }).length > 0;
  const errs = validateStatefulSetSpec(spec, { skipTemplate: oldInvalid, skipClaimTemplates: true });
  const clone = deepCopy(spec);
  for (const field of STATEFULSET_MUTABLE_FIELDS) {
    if (oldSpec[field] === undefined) delete clone[field];
    else clone[field] = deepCopy(oldSpec[field]);
  }
  if (!deepEqual(clone, oldSpec)) {
    errs.push(
      forbiddenField(
        SPEC,
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

export function validateStatefulSetStatusUpdate(statefulSet: Json, old: Json): FieldError[] {
  const status = recordOrEmpty(statefulSet.status);
  const errs: FieldError[] = [];
  for (const field of ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']) {
    errs.push(...validateNonnegative(num(status[field]), STATUS.child(field)));
  }
  for (const field of ['observedGeneration', 'collisionCount']) {
    const value = optNum(status[field]);
    if (value !== undefined) errs.push(...validateNonnegative(value, STATUS.child(field)));
  }
  const replicas = num(status.replicas);
  for (const field of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']) {
    if (num(status[field]) > replicas)
      errs.push(invalidValue(STATUS.child(field), num(status[field]), 'cannot be greater than status.replicas'));
  }
  if (num(status.availableReplicas) > num(status.readyReplicas)) {
    errs.push(
      invalidValue(
        STATUS.child('availableReplicas'),
        num(status.availableReplicas),
        'cannot be greater than status.readyReplicas',
      ),
    );
  }
  errs.push(...validateCollisionCount(statefulSet, old));
  return errs;
}

function validateDaemonSetUpdateStrategy(strategy: Json, path: FieldPath): FieldError[] {
  switch (str(strategy.type)) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate': {
      const rollingUpdate = record(strategy.rollingUpdate);
      if (!rollingUpdate) return [required(path.child('rollingUpdate'))];
      const at = path.child('rollingUpdate');
      const errs = [
        ...validatePositiveIntOrPercent(rollingUpdate.maxUnavailable, at.child('maxUnavailable')),
        ...validatePositiveIntOrPercent(rollingUpdate.maxSurge, at.child('maxSurge')),
        ...validateNotMoreThan100Percent(rollingUpdate.maxUnavailable, at.child('maxUnavailable')),
        ...validateNotMoreThan100Percent(rollingUpdate.maxSurge, at.child('maxSurge')),
      ];
      const hasUnavailable = intOrPercentValue(rollingUpdate.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(rollingUpdate.maxSurge) !== 0;
      if (hasUnavailable && hasSurge)
        errs.push(
          invalidValue(
            at.child('maxSurge'),
            rollingUpdate.maxSurge ?? null,
            'may not be set when maxUnavailable is non-zero',
          ),
        );
      if (!hasUnavailable && !hasSurge)
        errs.push(required(at.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
      return errs;
    }
    default:
      return [notSupported(path, strategy, ['RollingUpdate', 'OnDelete'])];
  }
}

function validateDaemonSetSpec(spec: Json): FieldError[] {
  const errs = validateLabelSelector(spec.selector, {}, SPEC.child('selector'));
  const selector = labelSelectorAsSelector(spec.selector);
  const labels = templateLabels(spec.template);
  if (selector && !selectorMatches(selector, labels)) {
    errs.push(
      invalidValue(
        SPEC.child('template', 'metadata', 'labels'),
        labels ?? null,
        '`selector` does not match template `labels`',
      ),
    );
  }
  const sel = record(spec.selector);
  if (sel && Object.keys(recordOrEmpty(sel.matchLabels)).length + list(sel.matchExpressions).length === 0) {
    errs.push(invalidValue(SPEC.child('selector'), sel, 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, SPEC.child('template')));
  const podSpec = recordOrEmpty(recordOrEmpty(spec.template).spec);
  if (str(podSpec.restartPolicy) !== 'Always')
    errs.push(notSupported(SPEC.child('template', 'spec', 'restartPolicy'), str(podSpec.restartPolicy), ['Always']));
  if (optNum(podSpec.activeDeadlineSeconds) !== undefined) {
    errs.push(
      forbiddenField(
        SPEC.child('template', 'spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in DaemonSet is not Supported',
      ),
    );
  }
  errs.push(...validateNonnegative(num(spec.minReadySeconds), SPEC.child('minReadySeconds')));
  errs.push(...validateNonnegative(num(spec.templateGeneration), SPEC.child('templateGeneration')));
  errs.push(...validateDaemonSetUpdateStrategy(recordOrEmpty(spec.updateStrategy), SPEC.child('updateStrategy')));
  const historyLimit = optNum(spec.revisionHistoryLimit);
  if (historyLimit !== undefined) errs.push(...validateNonnegative(historyLimit, SPEC.child('revisionHistoryLimit')));
  return errs;
}

export function validateDaemonSet(daemonSet: Json): FieldError[] {
  return validateDaemonSetSpec(specOf(daemonSet));
}

export function validateDaemonSetUpdate(daemonSet: Json, old: Json): FieldError[] {
  return [
    ...validateImmutableField(specOf(daemonSet).selector, specOf(old).selector, SPEC.child('selector')),
    ...validateDaemonSetSpec(specOf(daemonSet)),
  ];
}

export function validateDaemonSetStatusUpdate(daemonSet: Json, old: Json): FieldError[] {
  const status = recordOrEmpty(daemonSet.status);
  const errs: FieldError[] = [];
  for (const field of [
    'currentNumberScheduled',
    'numberMisscheduled',
    'desiredNumberScheduled',
    'numberReady',
    'observedGeneration',
    'updatedNumberScheduled',
    'numberAvailable',
    'numberUnavailable',
  ]) {
    errs.push(...validateNonnegative(num(status[field]), STATUS.child(field)));
  }
  const collisions = optNum(status.collisionCount);
  if (collisions !== undefined) errs.push(...validateNonnegative(collisions, STATUS.child('collisionCount')));
  errs.push(...validateCollisionCount(daemonSet, old));
  return errs;
}

export function validateControllerRevision(revision: Json): FieldError[] {
  const errs = validateNonnegative(num(revision.revision), FieldPath.root('revision'));
  const data = revision.data;
  if (data === undefined || data === null) errs.push(required(FieldPath.root('data'), 'data is mandatory'));
  else if (!isRecord(data)) errs.push(required(FieldPath.root('data'), 'data must be a valid JSON object'));
  return errs;
}

export function validateControllerRevisionUpdate(revision: Json, old: Json): FieldError[] {
  return [
    ...validateNonnegative(num(revision.revision), FieldPath.root('revision')),
    ...validateImmutableField(revision.data, old.data, FieldPath.root('data')),
  ];
}
