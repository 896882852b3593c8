// IngressClasses (pkg/registry/networking/ingressclass): which controller implements an Ingress class, with
// optional parameters. Cluster-scoped; the controller never changes; spec changes bump metadata.generation.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setIngressClassDefaults } from '../../defaults/networking.ts';
import { validateIngressClass, validateIngressClassUpdate } from '../../validation/networking.ts';

export const ingressClassesResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IngressClass',
  listKind: 'IngressClassList',
  resource: 'ingressclasses',
  singular: 'ingressclass',
  namespaced: false,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.networking.v1.IngressClass',
  strategy: {
    defaults: setIngressClassDefaults,
    validate: (ingressClass) => validateIngressClass(ingressClass),
    validateUpdate: (ingressClass, old) => validateIngressClassUpdate(ingressClass, old),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
