// ValidatingAdmissionPolicies (pkg/registry/admissionregistration/validatingadmissionpolicy): CEL rules the API
// server evaluates in-process. The type checker reports in status; spec changes bump generation. The check that
// the author may read paramKind resources belongs to authorization and is not done here.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import { setValidatingAdmissionPolicyDefaults } from '../../defaults/admissionregistration.ts';
import {
  validateValidatingAdmissionPolicy,
  validateValidatingAdmissionPolicyStatus,
} from '../../validation/admissionregistration/policies.ts';

export const validatingAdmissionPoliciesResource: ResourceDefinition = {
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  kind: 'ValidatingAdmissionPolicy',
  listKind: 'ValidatingAdmissionPolicyList',
  resource: 'validatingadmissionpolicies',
  singular: 'validatingadmissionpolicy',
  namespaced: false,
  categories: ['api-extensions'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicy',
  subresources: { status: statusSubresource('admissionregistration.k8s.io', 'ValidatingAdmissionPolicy') },
  strategy: {
    defaults: setValidatingAdmissionPolicyDefaults,
    prepareForCreate: (policy) => resetStatus(policy, {}),
    validate: (policy) => validateValidatingAdmissionPolicy(policy),
    validateUpdate: (policy) => validateValidatingAdmissionPolicy(policy),
    validateStatusUpdate: (policy) => validateValidatingAdmissionPolicyStatus(policy),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
