// PriorityClasses (pkg/registry/scheduling/priorityclass): named pod priorities. Cluster-scoped; the value never
// changes and preemption defaults to PreemptLowerPriority. The two "system-" classes are created at start-up.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setPriorityClassDefaults } from '../../defaults/scheduling.ts';
import { validatePriorityClass, validatePriorityClassUpdate } from '../../validation/scheduling.ts';

export const priorityClassesResource: ResourceDefinition = {
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  listKind: 'PriorityClassList',
  resource: 'priorityclasses',
  singular: 'priorityclass',
  namespaced: false,
  shortNames: ['pc'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.scheduling.v1.PriorityClass',
  strategy: {
    defaults: setPriorityClassDefaults,
    validate: (pc) => validatePriorityClass(pc),
    validateUpdate: (pc, old) => validatePriorityClassUpdate(pc, old),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
