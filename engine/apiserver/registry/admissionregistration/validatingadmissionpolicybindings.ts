// ValidatingAdmissionPolicyBindings (pkg/registry/admissionregistration/validatingadmissionpolicybinding): apply
// a policy to matching resources with chosen actions. Cluster-scoped; spec changes bump generation.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setValidatingAdmissionPolicyBindingDefaults } from '../../defaults/admissionregistration.ts';
import { validateValidatingAdmissionPolicyBinding } from '../../validation/admissionregistration/policies.ts';

export const validatingAdmissionPolicyBindingsResource: ResourceDefinition = {
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  kind: 'ValidatingAdmissionPolicyBinding',
  listKind: 'ValidatingAdmissionPolicyBindingList',
  resource: 'validatingadmissionpolicybindings',
  singular: 'validatingadmissionpolicybinding',
  namespaced: false,
  categories: ['api-extensions'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding',
  strategy: {
    defaults: setValidatingAdmissionPolicyBindingDefaults,
    validate: (binding) => validateValidatingAdmissionPolicyBinding(binding),
    validateUpdate: (binding) => validateValidatingAdmissionPolicyBinding(binding),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
