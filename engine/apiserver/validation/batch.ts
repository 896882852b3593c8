// The batch group (pkg/apis/batch/validation): Jobs — a generated selector that matches the generated labels,
// pods that restart OnFailure or Never, non-negative counts, an immutable template — and CronJobs — a schedule
// that parses, an explicit time zone, and a job template whose selector is left to the system.

import { deepEqual } from '../../api/json.ts';
import {
  FieldPath,
  duplicate,
  forbiddenField,
  invalidValue,
  notSupported,
  required,
  tooMany,
} from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { list, num, optNum, record, records, recordOrEmpty, str, stringMap } from './access.ts';
import type { Json } from './access.ts';
import { validateImmutableField, validateNonnegative, validateQualifiedName } from './generic.ts';
import { labelSelectorAsSelector, selectorMatches, validateLabelSelector } from './label-selector.ts';
import { CronScheduleError, isKnownTimeZone, parseCronSchedule } from './cron-schedule.ts';
import { isDNS1123Label } from './names.ts';
import { validatePodTemplateSpec } from './core/pod-spec.ts';

const MAX_PARALLELISM_FOR_INDEXED_JOB = 100000;
const MAX_COMPLETIONS_FOR_PER_INDEX_BACKOFF = 100000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const CRONJOB_MAX_NAME_LENGTH = 52;

export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

const SPEC = FieldPath.root('spec');

function specOf(obj: Json): Json {
  return recordOrEmpty(obj.spec);
}

function templateLabels(spec: Json): Record<string, string> {
  return stringMap(recordOrEmpty(recordOrEmpty(spec.template).metadata).labels);
}

/** ValidateHasLabel: the template must carry label `key` with `value`. */
function validateHasLabel(labels: Record<string, string>, key: string, value: string, path: FieldPath): FieldError[] {
  if (!(key in labels)) return [required(path.child('labels').key(key), `must be '${value}'`)];
  return labels[key] !== value ? [invalidValue(path.child('labels').key(key), labels, `must be '${value}'`)] : [];
}

/** Unless the selector is manual, it and the template's labels must be the ones the registry generated. */
function validateGeneratedSelector(job: Json, requirePrefixedLabels: boolean): FieldError[] {
  const spec = specOf(job);
  if (spec.manualSelector === true || !record(spec.selector)) return [];
  const meta = recordOrEmpty(job.metadata);
  const uid = str(meta.uid);
  const name = str(meta.name);
  const errs: FieldError[] = [];
  if (uid === '') errs.push(required(FieldPath.root('metadata').child('uid')));
  const labels = templateLabels(spec);
  const templateMeta = SPEC.child('template').child('metadata');
  errs.push(...validateHasLabel(labels, LEGACY_CONTROLLER_UID_LABEL, uid, templateMeta));
  errs.push(...validateHasLabel(labels, LEGACY_JOB_NAME_LABEL, name, templateMeta));
  const expected: Record<string, string> = {};
  if (requirePrefixedLabels) {
    errs.push(...validateHasLabel(labels, CONTROLLER_UID_LABEL, uid, templateMeta));
    errs.push(...validateHasLabel(labels, JOB_NAME_LABEL, name, templateMeta));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  expected[LEGACY_CONTROLLER_UID_LABEL] = uid;
  expected[LEGACY_JOB_NAME_LABEL] = name;
  const selector = labelSelectorAsSelector(spec.selector);
  if (selector && !selectorMatches(selector, expected))
    errs.push(invalidValue(SPEC.child('selector'), spec.selector, '`selector` not auto-generated'));
  return errs;
}

function validatePodFailurePolicy(spec: Json, path: FieldPath): FieldError[] {
  const policy = record(spec.podFailurePolicy);
  if (!policy) return [];
  const errs: FieldError[] = [];
  const rules = records(policy.rules);
  const rulesPath = path.child('rules');
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES)
    errs.push(tooMany(rulesPath, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  const podSpec = recordOrEmpty(recordOrEmpty(spec.template).spec);
  const containers = new Set(
    [...records(podSpec.containers), ...records(podSpec.initContainers)].map((c) => str(c.name)),
  );
  const actions = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
  rules.forEach((rule, i) => {
    const at = rulesPath.index(i);
    const action = str(rule.action);
    if (action === '')
      errs.push(required(at.child('action'), `valid values: ${JSON.stringify(actions).replace(/,/g, ' ')}`));
    else if (!actions.includes(action)) errs.push(notSupported(at.child('action'), action, actions));
    if (action === 'FailIndex' && optNum(spec.backoffLimitPerIndex) === undefined) {
      errs.push(forbiddenField(at.child('action'), 'requires the backoffLimitPerIndex to be set'));
    }
    const onExitCodes = record(rule.onExitCodes);
    const onPodConditions = records(rule.onPodConditions);
    if (onExitCodes) {
      const exitPath = at.child('onExitCodes');
      const operator = str(onExitCodes.operator);
      if (operator !== 'In' && operator !== 'NotIn')
        errs.push(notSupported(exitPath.child('operator'), operator, ['In', 'NotIn']));
      if (typeof onExitCodes.containerName === 'string' && !containers.has(onExitCodes.containerName)) {
        errs.push(
          invalidValue(
            exitPath.child('containerName'),
            onExitCodes.containerName,
            'must be one of the container or initContainer names in the pod template',
          ),
        );
      }
      const values = list(onExitCodes.values).map((v) => num(v));
      if (values.length === 0)
        errs.push(invalidValue(exitPath.child('values'), values, 'at least one value is required'));
      values.forEach((v, j) => {
        if (operator === 'In' && v === 0)
          errs.push(invalidValue(exitPath.child('values').index(j), v, 'must not be 0 for the In operator'));
      });
      if (values.some((v, j) => j > 0 && (values[j - 1] ?? 0) >= v))
        errs.push(invalidValue(exitPath.child('values'), values, 'must be ordered'));
    }
    onPodConditions.forEach((pattern, j) => {
      const patternPath = at.child('onPodConditions').index(j);
      errs.push(...validateQualifiedName(str(pattern.type), patternPath.child('type')));
      const status = str(pattern.status);
      if (!['False', 'True', 'Unknown'].includes(status))
        errs.push(notSupported(patternPath.child('status'), status, ['False', 'True', 'Unknown']));
    });
    if (onExitCodes && onPodConditions.length > 0)
      errs.push(
        invalidValue(at, '<value omitted>', 'specifying both OnExitCodes and OnPodConditions is not supported'),
      );
    if (!onExitCodes && onPodConditions.length === 0)
      errs.push(invalidValue(at, '<value omitted>', 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
  return errs;
}

/** What a Job spec and a CronJob's job template share. */
function validateJobSpecFields(spec: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'backoffLimit',
    'ttlSecondsAfterFinished',
    'maxFailedIndexes',
  ]) {
    const value = optNum(spec[field]);
    if (value !== undefined) errs.push(...validateNonnegative(value, path.child(field)));
  }
  const indexed = spec.completionMode === 'Indexed';
  if (
    spec.completionMode !== undefined &&
    spec.completionMode !== null &&
    spec.completionMode !== 'NonIndexed' &&
    !indexed
  ) {
    errs.push(notSupported(path.child('completionMode'), spec.completionMode, ['NonIndexed', 'Indexed']));
  }
  const completions = optNum(spec.completions);
  const parallelism = optNum(spec.parallelism);
  if (indexed) {
    if (completions === undefined) errs.push(required(path.child('completions'), 'when completion mode is Indexed'));
    if (parallelism !== undefined && parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
      errs.push(
        invalidValue(
          path.child('parallelism'),
          parallelism,
          `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`,
        ),
      );
    }
  }
  const perIndex = optNum(spec.backoffLimitPerIndex);
  if (perIndex !== undefined) {
    errs.push(...validateNonnegative(perIndex, path.child('backoffLimitPerIndex')));
    if (!indexed) errs.push(forbiddenField(path.child('backoffLimitPerIndex'), 'requires indexed completion mode'));
    else if (completions !== undefined && completions > MAX_COMPLETIONS_FOR_PER_INDEX_BACKOFF) {
      errs.push(
        invalidValue(
          path.child('completions'),
          completions,
          `must be less than or equal to ${MAX_COMPLETIONS_FOR_PER_INDEX_BACKOFF} when backoffLimitPerIndex is specified`,
        ),
      );
    }
  } else if (optNum(spec.maxFailedIndexes) !== undefined) {
    errs.push(required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  const replacement = spec.podReplacementPolicy;
  if (replacement !== undefined && replacement !== null) {
    if (replacement !== 'TerminatingOrFailed' && replacement !== 'Failed') {
      errs.push(notSupported(path.child('podReplacementPolicy'), replacement, ['TerminatingOrFailed', 'Failed']));
    } else if (record(spec.podFailurePolicy) && replacement !== 'Failed') {
      errs.push(notSupported(path.child('podReplacementPolicy'), replacement, ['Failed']));
    }
  }
  errs.push(...validatePodFailurePolicy(spec, path.child('podFailurePolicy')));
  const templatePath = path.child('template');
  errs.push(...validatePodTemplateSpec(spec.template, templatePath));
  const restartPolicy = str(recordOrEmpty(recordOrEmpty(spec.template).spec).restartPolicy);
  const restartPath = templatePath.child('spec', 'restartPolicy');
  if (restartPolicy === 'Always' || restartPolicy === '') {
    errs.push(required(restartPath, 'valid values: "OnFailure", "Never"'));
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errs.push(notSupported(restartPath, restartPolicy, ['OnFailure', 'Never']));
  } else if (record(spec.podFailurePolicy) && restartPolicy !== 'Never') {
    errs.push(invalidValue(restartPath, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  const managedBy = spec.managedBy;
  if (typeof managedBy === 'string') {
    if (managedBy.length > 63)
      errs.push(invalidValue(path.child('managedBy'), managedBy, 'must be no more than 63 characters'));
  }
  return errs;
}

function validateJobSpec(spec: Json): FieldError[] {
  const errs = validateJobSpecFields(spec, SPEC);
  if (!record(spec.selector)) errs.push(required(SPEC.child('selector')));
  else errs.push(...validateLabelSelector(spec.selector, {}, SPEC.child('selector')));
  const selector = labelSelectorAsSelector(spec.selector);
  const labels = recordOrEmpty(recordOrEmpty(spec.template).metadata).labels;
  if (selector && !selectorMatches(selector, labels)) {
    errs.push(
      invalidValue(
        SPEC.child('template', 'metadata', 'labels'),
        labels ?? null,
        '`selector` does not match template `labels`',
      ),
    );
  }
  return errs;
}

/** `requirePrefixedLabels` is false only for jobs stored before the batch.kubernetes.io labels existed. */
export function validateJob(job: Json, requirePrefixedLabels = true): FieldError[] {
  const errs = validateGeneratedSelector(job, requirePrefixedLabels);
  errs.push(...validateJobSpec(specOf(job)));
  const spec = specOf(job);
  const completions = optNum(spec.completions);
  if (spec.completionMode === 'Indexed' && completions !== undefined && completions > 0) {
    const name = str(recordOrEmpty(job.metadata).name);
    const hostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(
        invalidValue(
          FieldPath.root('metadata').child('name'),
          name,
          `will not able to create pod with invalid DNS label: ${hostname}`,
        ),
      );
    }
  }
  return errs;
}

/** The pod template of a job is immutable, except scheduling directives of a suspended job that never started. */
function validateTemplateUpdate(spec: Json, oldSpec: Json, old: Json): FieldError[] {
  const template = recordOrEmpty(spec.template);
  let oldTemplate = recordOrEmpty(oldSpec.template);
  const mutableScheduling = oldSpec.suspend === true && recordOrEmpty(old.status).startTime === undefined;
  if (mutableScheduling) {
    oldTemplate = structuredClone(oldTemplate);
    const podSpec = recordOrEmpty(template.spec);
    const oldPodSpec = recordOrEmpty(oldTemplate.spec);
    oldTemplate.spec = oldPodSpec;
    const affinity = record(podSpec.affinity);
    const oldAffinity = record(oldPodSpec.affinity);
    if (!affinity && oldAffinity) {
      delete oldAffinity.nodeAffinity;
      if (Object.keys(oldAffinity).length === 0) delete oldPodSpec.affinity;
    } else if (affinity && !oldAffinity) {
      oldPodSpec.affinity = affinity.nodeAffinity === undefined ? {} : { nodeAffinity: affinity.nodeAffinity };
    } else if (affinity && oldAffinity) {
      if (affinity.nodeAffinity === undefined) delete oldAffinity.nodeAffinity;
      else oldAffinity.nodeAffinity = affinity.nodeAffinity;
    }
    for (const field of ['nodeSelector', 'tolerations', 'schedulingGates']) {
      if (podSpec[field] === undefined) delete oldPodSpec[field];
      else oldPodSpec[field] = podSpec[field];
    }
    const meta = recordOrEmpty(template.metadata);
    const oldMeta = { ...recordOrEmpty(oldTemplate.metadata) };
    for (const field of ['labels', 'annotations']) {
      if (meta[field] === undefined) delete oldMeta[field];
      else oldMeta[field] = meta[field];
    }
    oldTemplate.metadata = oldMeta;
  }
  return deepEqual(template, oldTemplate) ? [] : validateImmutableField(template, oldTemplate, SPEC.child('template'));
}

export function validateJobUpdate(job: Json, old: Json): FieldError[] {
  const spec = specOf(job);
  const oldSpec = specOf(old);
  const oldLabels = templateLabels(oldSpec);
  const errs = validateJob(job, JOB_NAME_LABEL in oldLabels && CONTROLLER_UID_LABEL in oldLabels);
  const elastic =
    spec.completionMode === 'Indexed' &&
    optNum(spec.completions) !== undefined &&
    optNum(spec.completions) === optNum(spec.parallelism) &&
    optNum(oldSpec.completions) === optNum(oldSpec.parallelism);
  if (!elastic) errs.push(...validateImmutableField(spec.completions, oldSpec.completions, SPEC.child('completions')));
  errs.push(...validateImmutableField(spec.selector, oldSpec.selector, SPEC.child('selector')));
  errs.push(...validateTemplateUpdate(spec, oldSpec, old));
  errs.push(...validateImmutableField(spec.completionMode, oldSpec.completionMode, SPEC.child('completionMode')));
  errs.push(...validateImmutableField(spec.podFailurePolicy, oldSpec.podFailurePolicy, SPEC.child('podFailurePolicy')));
  errs.push(
    ...validateImmutableField(
      spec.backoffLimitPerIndex,
      oldSpec.backoffLimitPerIndex,
      SPEC.child('backoffLimitPerIndex'),
    ),
  );
  errs.push(...validateImmutableField(spec.managedBy, oldSpec.managedBy, SPEC.child('managedBy')));
  errs.push(...validateImmutableField(spec.successPolicy, oldSpec.successPolicy, SPEC.child('successPolicy')));
  return errs;
}

export function validateJobStatusUpdate(job: Json): FieldError[] {
  const status = recordOrEmpty(job.status);
  const path = FieldPath.root('status');
  const errs: FieldError[] = [];
  for (const field of ['active', 'succeeded', 'failed', 'ready', 'terminating']) {
    const value = optNum(status[field]);
    if (value !== undefined) errs.push(...validateNonnegative(value, path.child(field)));
  }
  const uncounted = record(status.uncountedTerminatedPods);
  if (uncounted) {
    const seen = new Set<string>();
    for (const field of ['succeeded', 'failed']) {
      list(uncounted[field]).forEach((uid, i) => {
        const at = path.child('uncountedTerminatedPods').child(field).index(i);
        const value = str(uid);
        if (value === '') errs.push(invalidValue(at, value, 'must not be empty'));
        else if (seen.has(value)) errs.push(duplicate(at, value));
        else seen.add(value);
      });
    }
  }
  return errs;
}

function validateScheduleFormat(
  schedule: string,
  timeZone: unknown,
  allowTZInSchedule: boolean,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  try {
    parseCronSchedule(schedule);
  } catch (error) {
    if (!(error instanceof CronScheduleError)) throw error;
    errs.push(invalidValue(path, schedule, error.message));
  }
  if (allowTZInSchedule && schedule.includes('TZ') && timeZone !== undefined && timeZone !== null) {
    errs.push(invalidValue(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZInSchedule && schedule.includes('TZ')) {
    errs.push(invalidValue(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

function validateTimeZone(timeZone: unknown, path: FieldPath): FieldError[] {
  if (timeZone === undefined || timeZone === null) return [];
  const zone = str(timeZone);
  if (zone === '') return [invalidValue(path, zone, 'timeZone must be nil or non-empty string')];
  const errs: FieldError[] = [];
  if (zone.toLowerCase() === 'local')
    errs.push(
      invalidValue(path, zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'),
    );
  if (!isKnownTimeZone(zone)) errs.push(invalidValue(path, zone, `unknown time zone ${zone}`));
  return errs;
}

function validateCronJobSpec(spec: Json, oldSpec: Json | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = str(spec.schedule);
  if (schedule === '') errs.push(required(SPEC.child('schedule')));
  else {
    const allowTZ = oldSpec !== undefined && str(oldSpec.schedule).includes('TZ');
    errs.push(...validateScheduleFormat(schedule, spec.timeZone, allowTZ, SPEC.child('schedule')));
  }
  const deadline = optNum(spec.startingDeadlineSeconds);
  if (deadline !== undefined) errs.push(...validateNonnegative(deadline, SPEC.child('startingDeadlineSeconds')));
  if (!oldSpec || (oldSpec.timeZone ?? null) !== (spec.timeZone ?? null))
    errs.push(...validateTimeZone(spec.timeZone, SPEC.child('timeZone')));
  const policy = str(spec.concurrencyPolicy);
  if (policy === '') errs.push(required(SPEC.child('concurrencyPolicy')));
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy))
    errs.push(notSupported(SPEC.child('concurrencyPolicy'), policy, ['Allow', 'Forbid', 'Replace']));
  const templatePath = SPEC.child('jobTemplate');
  const jobSpec = recordOrEmpty(recordOrEmpty(spec.jobTemplate).spec);
  errs.push(...validateJobSpecFields(jobSpec, templatePath.child('spec')));
  if (record(jobSpec.selector))
    errs.push(
      invalidValue(templatePath.child('spec', 'selector'), jobSpec.selector, '`selector` will be auto-generated'),
    );
  if (jobSpec.manualSelector === true)
    errs.push(notSupported(templatePath.child('spec', 'manualSelector'), true, ['nil', 'false']));
  for (const field of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    const value = optNum(spec[field]);
    if (value !== undefined) errs.push(...validateNonnegative(value, SPEC.child(field)));
  }
  return errs;
}

export function validateCronJob(cronJob: Json): FieldError[] {
  const errs = validateCronJobSpec(specOf(cronJob), undefined);
  const name = str(recordOrEmpty(cronJob.metadata).name);
  if (name.length > CRONJOB_MAX_NAME_LENGTH) {
    errs.push(
      invalidValue(
        FieldPath.root('metadata').child('name'),
        name,
        `must be no more than ${CRONJOB_MAX_NAME_LENGTH} characters`,
      ),
    );
  }
  return errs;
}

export function validateCronJobUpdate(cronJob: Json, old: Json): FieldError[] {
  return validateCronJobSpec(specOf(cronJob), specOf(old));
}
