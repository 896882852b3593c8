// EndpointSlices (pkg/registry/discovery/endpointslice): the addresses behind a Service, written by the
// EndpointSlice controller. Any change but metadata bumps metadata.generation.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setEndpointSliceDefaults } from '../../defaults/discovery.ts';
import { validateEndpointSlice, validateEndpointSliceUpdate } from '../../validation/discovery.ts';

export const endpointSlicesResource: ResourceDefinition = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  listKind: 'EndpointSliceList',
  resource: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.discovery.v1.EndpointSlice',
  strategy: {
    defaults: setEndpointSliceDefaults,
    validate: (slice) => validateEndpointSlice(slice),
    validateUpdate: (slice, old) => validateEndpointSliceUpdate(slice, old),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
