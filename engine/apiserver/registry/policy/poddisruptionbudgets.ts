// PodDisruptionBudgets (pkg/registry/policy/poddisruptionbudget): how many pods of a set voluntary disruptions
// may take down; the disruption controller keeps the status. Spec changes bump metadata.generation.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import {
  validatePodDisruptionBudget,
  validatePodDisruptionBudgetStatusUpdate,
  validatePodDisruptionBudgetUpdate,
} from '../../validation/policy.ts';

/** The status a new budget is stored with: Go writes its four counters even when zero. */
const ZERO_STATUS = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };

export const podDisruptionBudgetsResource: ResourceDefinition = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  listKind: 'PodDisruptionBudgetList',
  resource: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  namespaced: true,
  shortNames: ['pdb'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.policy.v1.PodDisruptionBudget',
  subresources: { status: statusSubresource('policy', 'PodDisruptionBudget') },
  strategy: {
    prepareForCreate: (pdb) => resetStatus(pdb, ZERO_STATUS),
    validate: (pdb) => validatePodDisruptionBudget(pdb),
    validateUpdate: (pdb, old) => validatePodDisruptionBudgetUpdate(pdb, old),
    validateStatusUpdate: (pdb) => validatePodDisruptionBudgetStatusUpdate(pdb),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
