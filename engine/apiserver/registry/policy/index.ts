// The policy group's resources (policy/v1). Evictions are the pods/eviction sub-resource, served with pods.

import type { ResourceDefinition } from '../resource-definition.ts';
import { podDisruptionBudgetsResource } from './poddisruptionbudgets.ts';

export const policyResources: readonly ResourceDefinition[] = [podDisruptionBudgetsResource];
