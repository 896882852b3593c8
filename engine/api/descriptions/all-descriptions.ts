// All our per-definition descriptions in one table.

import { BATCH_DESCRIPTIONS } from './batch.ts';
import { CLUSTER_DESCRIPTIONS } from './cluster.ts';
import { CONTAINER_DESCRIPTIONS } from './containers.ts';
import type { DescriptionTable } from './definition-descriptions.ts';
import { META_DESCRIPTIONS } from './meta.ts';
import { NETWORKING_DESCRIPTIONS } from './networking.ts';
import { POD_DESCRIPTIONS } from './pods.ts';
import { RBAC_DESCRIPTIONS } from './rbac.ts';
import { VOLUME_DESCRIPTIONS } from './volumes.ts';
import { WORKLOAD_DESCRIPTIONS } from './workloads.ts';

export const API_DESCRIPTIONS: DescriptionTable = {
  ...META_DESCRIPTIONS,
  ...POD_DESCRIPTIONS,
  ...CONTAINER_DESCRIPTIONS,
  ...VOLUME_DESCRIPTIONS,
  ...WORKLOAD_DESCRIPTIONS,
  ...BATCH_DESCRIPTIONS,
  ...NETWORKING_DESCRIPTIONS,
  ...CLUSTER_DESCRIPTIONS,
  ...RBAC_DESCRIPTIONS,
};
