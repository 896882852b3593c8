// PriorityLevelConfigurations (pkg/registry/flowcontrol/prioritylevelconfiguration): the concurrency shares and
// queuing of an API Priority and Fairness level. Cluster-scoped, with a status; spec changes bump generation.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import { setPriorityLevelConfigurationDefaults } from '../../defaults/flowcontrol.ts';
import { validateFlowControlStatus, validatePriorityLevelConfiguration } from '../../validation/flowcontrol.ts';

export const priorityLevelConfigurationsResource: ResourceDefinition = {
  group: 'flowcontrol.apiserver.k8s.io',
  version: 'v1',
  kind: 'PriorityLevelConfiguration',
  listKind: 'PriorityLevelConfigurationList',
  resource: 'prioritylevelconfigurations',
  singular: 'prioritylevelconfiguration',
  namespaced: false,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.flowcontrol.v1.PriorityLevelConfiguration',
  subresources: { status: statusSubresource('flowcontrol.apiserver.k8s.io', 'PriorityLevelConfiguration') },
  strategy: {
    defaults: setPriorityLevelConfigurationDefaults,
    prepareForCreate: (plc) => resetStatus(plc, {}),
    validate: (plc) => validatePriorityLevelConfiguration(plc),
    validateUpdate: (plc) => validatePriorityLevelConfiguration(plc),
    validateStatusUpdate: (plc) => validateFlowControlStatus(plc),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
