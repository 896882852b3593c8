// Bindings (the legacy /bindings resource): create-only requests that assign a pod to a node. The handler that
// applies a binding to its pod lives with the pod sub-resources; this describes and validates the request.

import type { ResourceDefinition } from '../resource-definition.ts';
import { validateBinding } from '../../validation/core/pod.ts';

export const bindingsResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Binding',
  listKind: 'BindingList',
  resource: 'bindings',
  singular: 'binding',
  namespaced: true,
  verbs: ['create'],
  schema: 'io.k8s.api.core.v1.Binding',
  strategy: {
    validate: (binding) => validateBinding(binding),
  },
};
