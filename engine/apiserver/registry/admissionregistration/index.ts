// The admissionregistration.k8s.io group's resources (admissionregistration.k8s.io/v1), in the order discovery
// lists them. MutatingAdmissionPolicies are alpha in Kubernetes 1.32 and not served.

import type { ResourceDefinition } from '../resource-definition.ts';
import { mutatingWebhookConfigurationsResource } from './mutatingwebhookconfigurations.ts';
import { validatingAdmissionPoliciesResource } from './validatingadmissionpolicies.ts';
import { validatingAdmissionPolicyBindingsResource } from './validatingadmissionpolicybindings.ts';
import { validatingWebhookConfigurationsResource } from './validatingwebhookconfigurations.ts';

export const admissionregistrationResources: readonly ResourceDefinition[] = [
  mutatingWebhookConfigurationsResource,
  validatingAdmissionPoliciesResource,
  validatingAdmissionPolicyBindingsResource,
  validatingWebhookConfigurationsResource,
];
