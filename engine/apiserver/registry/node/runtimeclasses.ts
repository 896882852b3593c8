// RuntimeClasses (pkg/registry/node/runtimeclass): which container runtime handler pods of a class use, with
// their overhead and the nodes that can run them. Cluster-scoped; the handler never changes.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { validateRuntimeClass, validateRuntimeClassUpdate } from '../../validation/node.ts';

export const runtimeClassesResource: ResourceDefinition = {
  group: 'node.k8s.io',
  version: 'v1',
  kind: 'RuntimeClass',
  listKind: 'RuntimeClassList',
  resource: 'runtimeclasses',
  singular: 'runtimeclass',
  namespaced: false,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.node.v1.RuntimeClass',
  strategy: {
    validate: (runtimeClass) => validateRuntimeClass(runtimeClass),
    validateUpdate: (runtimeClass, old) => [
      ...validateRuntimeClass(runtimeClass),
      ...validateRuntimeClassUpdate(runtimeClass, old),
    ],
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
