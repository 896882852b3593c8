// Jobs (pkg/registry/batch/job): unless the selector is manual, the registry generates it — the job's uid under
// the controller-uid labels, its name under the job-name labels — and stamps the same labels on the pod template.

import type { KubeObject } from '../../../api/object.ts';
import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource, warnIfNameNotDNSLabel } from '../definition-helpers.ts';
import { setJobDefaults } from '../../defaults/batch.ts';
import { ensureRecord, num, recordOrEmpty } from '../../validation/access.ts';
import {
  CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
  validateJob,
  validateJobStatusUpdate,
  validateJobUpdate,
} from '../../validation/batch.ts';

/** generateSelector: labels on the template the user did not set, and a controller-uid selector. */
function generateSelector(job: KubeObject): void {
  const spec = ensureRecord(job, 'spec');
  const templateMeta = ensureRecord(ensureRecord(spec, 'template'), 'metadata');
  const labels = ensureRecord(templateMeta, 'labels');
  const name = job.metadata.name ?? '';
  const uid = job.metadata.uid ?? '';
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = uid;
  const matchLabels = ensureRecord(ensureRecord(spec, 'selector'), 'matchLabels');
  if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = uid;
}

/**
 * A job without labels takes its template's (SetDefaults_Job). Upstream applies this again when the stored job is
 * read back, by which time the template carries the generated labels; doing it here gives the same result.
 */
function copyTemplateLabels(job: KubeObject): void {
  const labels = recordOrEmpty(recordOrEmpty(recordOrEmpty(recordOrEmpty(job.spec).template).metadata).labels);
  if (Object.keys(job.metadata.labels ?? {}).length === 0 && Object.keys(labels).length > 0) {
    job.metadata.labels = { ...labels } as Record<string, string>;
  }
}

export const jobsResource: ResourceDefinition = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  listKind: 'JobList',
  resource: 'jobs',
  singular: 'job',
  namespaced: true,
  categories: ['all'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.batch.v1.Job',
  subresources: { status: statusSubresource('batch', 'Job') },
  strategy: {
    defaults: setJobDefaults,
    prepareForCreate(job) {
      if (recordOrEmpty(job.spec).manualSelector !== true) generateSelector(job);
      resetStatus(job, {});
      copyTemplateLabels(job);
    },
    validate(job, ctx) {
      warnIfNameNotDNSLabel(job, ctx, 'Pod names and hostnames');
      return validateJob(job);
    },
    validateUpdate: (job, old) => validateJobUpdate(job, old),
    validateStatusUpdate: (job) => validateJobStatusUpdate(job),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
  fieldSelectors: {
    'status.successful': (job) => String(num(recordOrEmpty(job.status).succeeded)),
  },
};
