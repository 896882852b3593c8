// Endpoints: the addresses behind a service, written by the endpoints controller (PUT may create them).

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setEndpointsDefaults } from '../../defaults/core.ts';
import { validateEndpoints } from '../../validation/core/endpoints.ts';

export const endpointsResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  listKind: 'EndpointsList',
  resource: 'endpoints',
  singular: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.Endpoints',
  strategy: {
    defaults: setEndpointsDefaults,
    validate: (endpoints) => validateEndpoints(endpoints),
    validateUpdate: (endpoints) => validateEndpoints(endpoints),
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
  },
};
