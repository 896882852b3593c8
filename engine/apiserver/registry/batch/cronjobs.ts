// CronJobs (pkg/registry/batch/cronjob): Jobs created on a cron schedule from a job template.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource, warnIfNameNotDNSLabel } from '../definition-helpers.ts';
import { setCronJobDefaults } from '../../defaults/batch.ts';
import { validateCronJob, validateCronJobUpdate } from '../../validation/batch.ts';

export const cronJobsResource: ResourceDefinition = {
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  listKind: 'CronJobList',
  resource: 'cronjobs',
  singular: 'cronjob',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.batch.v1.CronJob',
  subresources: { status: statusSubresource('batch', 'CronJob') },
  strategy: {
    defaults: setCronJobDefaults,
    prepareForCreate: (cronJob) => resetStatus(cronJob, {}),
    validate(cronJob, ctx) {
      warnIfNameNotDNSLabel(cronJob, ctx, 'Pod names and hostnames');
      return validateCronJob(cronJob);
    },
    validateUpdate: (cronJob, old) => validateCronJobUpdate(cronJob, old),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
