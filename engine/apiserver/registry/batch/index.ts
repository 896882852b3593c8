// The batch group's resources (batch/v1), in the order discovery lists them.

import type { ResourceDefinition } from '../resource-definition.ts';
import { cronJobsResource } from './cronjobs.ts';
import { jobsResource } from './jobs.ts';

export const batchResources: readonly ResourceDefinition[] = [cronJobsResource, jobsResource];
