// Defaults of the batch group (pkg/apis/batch/v1/defaults.go): a Job's completions, parallelism, back-off limit,
// completion mode, suspension, pod replacement policy and manual selector; a CronJob's concurrency policy,
// suspension and history limits; plus the pod templates inside.

import type { KubeObject } from '../../api/object.ts';
import { ensureRecord, record, records, str } from '../validation/access.ts';
import type { Json } from '../validation/access.ts';
import { setPodTemplateSpecDefaults } from './pod-spec.ts';

const MAX_INT32 = 2147483647;

function setIfAbsent(obj: Json, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

export function setJobDefaults(job: KubeObject): void {
  const spec = ensureRecord(job, 'spec');
  if (
    (spec.completions === undefined || spec.completions === null) &&
    (spec.parallelism === undefined || spec.parallelism === null)
  ) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setIfAbsent(spec, 'parallelism', 1);
  setIfAbsent(spec, 'backoffLimit', typeof spec.backoffLimitPerIndex === 'number' ? MAX_INT32 : 6);
  const labels = record(record(record(spec.template)?.metadata)?.labels);
  if (labels && Object.keys(job.metadata.labels ?? {}).length === 0)
    job.metadata.labels = { ...labels } as Record<string, string>;
  setIfAbsent(spec, 'completionMode', 'NonIndexed');
  setIfAbsent(spec, 'suspend', false);
  const failurePolicy = record(spec.podFailurePolicy);
  for (const rule of records(failurePolicy?.rules)) {
    for (const pattern of records(rule.onPodConditions)) if (str(pattern.status) === '') pattern.status = 'True';
  }
  setIfAbsent(spec, 'podReplacementPolicy', failurePolicy ? 'Failed' : 'TerminatingOrFailed');
  setIfAbsent(spec, 'manualSelector', false);
  setPodTemplateSpecDefaults(ensureRecord(spec, 'template'));
}

export function setCronJobDefaults(cronJob: KubeObject): void {
  const spec = ensureRecord(cronJob, 'spec');
  if (str(spec.concurrencyPolicy) === '') spec.concurrencyPolicy = 'Allow';
  setIfAbsent(spec, 'suspend', false);
  setIfAbsent(spec, 'successfulJobsHistoryLimit', 3);
  setIfAbsent(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplate = ensureRecord(spec, 'jobTemplate');
  const meta = ensureRecord(jobTemplate, 'metadata');
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  const jobSpec = ensureRecord(jobTemplate, 'spec');
  for (const rule of records(record(jobSpec.podFailurePolicy)?.rules)) {
    for (const pattern of records(rule.onPodConditions)) if (str(pattern.status) === '') pattern.status = 'True';
  }
  setPodTemplateSpecDefaults(ensureRecord(jobSpec, 'template'));
}
