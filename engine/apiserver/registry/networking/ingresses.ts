// Ingresses (pkg/registry/networking/ingress): HTTP routing to Services, stored under /registry/ingress (the
// name kept from the extensions group). Status holds the load balancer; spec changes bump metadata.generation.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import {
  ingressWarnings,
  validateIngress,
  validateIngressStatusUpdate,
  validateIngressUpdate,
} from '../../validation/networking.ts';

export const ingressesResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  listKind: 'IngressList',
  resource: 'ingresses',
  singular: 'ingress',
  namespaced: true,
  shortNames: ['ing'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.networking.v1.Ingress',
  storagePrefix: 'ingress',
  subresources: { status: statusSubresource('networking.k8s.io', 'Ingress') },
  strategy: {
    prepareForCreate: (ingress) => resetStatus(ingress, { loadBalancer: {} }),
    validate(ingress, ctx) {
      ctx.warnings.push(...ingressWarnings(ingress));
      return validateIngress(ingress);
    },
    validateUpdate: (ingress, old) => validateIngressUpdate(ingress, old),
    validateStatusUpdate: (ingress) => validateIngressStatusUpdate(ingress),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
