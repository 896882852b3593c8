// ComponentStatuses (deprecated): a read-only view of the control plane's health, listed and read but never
// written.

import type { ResourceDefinition } from '../resource-definition.ts';

export const componentStatusesResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ComponentStatus',
  listKind: 'ComponentStatusList',
  resource: 'componentstatuses',
  singular: 'componentstatus',
  namespaced: false,
  shortNames: ['cs'],
  verbs: ['get', 'list'],
  schema: 'io.k8s.api.core.v1.ComponentStatus',
  strategy: {},
};
