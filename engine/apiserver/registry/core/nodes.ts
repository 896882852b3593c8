// Nodes (pkg/registry/core/node): registered by kubelets with their status; the spec holds taints, the
// unschedulable flag and the pod CIDRs the node controller assigns once.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { PROXY_VERBS, statusSubresource, subresource } from '../definition-helpers.ts';
import { setNodeDefaults } from '../../defaults/core.ts';
import { recordOrEmpty } from '../../validation/access.ts';
import { nameIsDNSSubdomain } from '../../validation/names.ts';
import { validateNode, validateNodeUpdate } from '../../validation/core/node.ts';

export const nodesResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Node',
  listKind: 'NodeList',
  resource: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.Node',
  subresources: {
    proxy: subresource('', 'v1', 'NodeProxyOptions', PROXY_VERBS),
    status: statusSubresource('', 'Node'),
  },
  strategy: {
    defaults: setNodeDefaults,
    validate: (node) => validateNode(node),
    validateUpdate: (node, old) => [...validateNode(node), ...validateNodeUpdate(node, old)],
    validateStatusUpdate: (node, old) => validateNodeUpdate(node, old),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
  fieldSelectors: {
    'spec.unschedulable': (node) => String(recordOrEmpty(node.spec).unschedulable === true),
  },
  validateName: nameIsDNSSubdomain,
};
