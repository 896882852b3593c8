// FlowSchemas (pkg/registry/flowcontrol/flowschema): which requests go to which priority level under API
// Priority and Fairness. Cluster-scoped, with a status the APF controller writes; spec changes bump generation.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import { setFlowSchemaDefaults } from '../../defaults/flowcontrol.ts';
import { validateFlowControlStatus, validateFlowSchema } from '../../validation/flowcontrol.ts';

export const flowSchemasResource: ResourceDefinition = {
  group: 'flowcontrol.apiserver.k8s.io',
  version: 'v1',
  kind: 'FlowSchema',
  listKind: 'FlowSchemaList',
  resource: 'flowschemas',
  singular: 'flowschema',
  namespaced: false,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.flowcontrol.v1.FlowSchema',
  subresources: { status: statusSubresource('flowcontrol.apiserver.k8s.io', 'FlowSchema') },
  strategy: {
    defaults: setFlowSchemaDefaults,
    prepareForCreate: (fs) => resetStatus(fs, {}),
    validate: (fs) => validateFlowSchema(fs),
    validateUpdate: (fs) => validateFlowSchema(fs),
    validateStatusUpdate: (fs) => validateFlowControlStatus(fs),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
