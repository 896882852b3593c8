// CSINodes (pkg/registry/storage/csinode): the CSI drivers registered on a node, named after the node and
// written by its kubelet. A registered driver's entry never changes.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setCSINodeDefaults } from '../../defaults/storage.ts';
import { validateCSINode, validateCSINodeUpdate } from '../../validation/storage.ts';

export const csiNodesResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSINode',
  listKind: 'CSINodeList',
  resource: 'csinodes',
  singular: 'csinode',
  namespaced: false,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.storage.v1.CSINode',
  strategy: {
    defaults: setCSINodeDefaults,
    validate: (node) => validateCSINode(node),
    validateUpdate: (node, old) => validateCSINodeUpdate(node, old),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: false,
  },
};
