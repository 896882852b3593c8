// NetworkPolicies (pkg/registry/networking/networkpolicy): which traffic may reach or leave the selected pods.
// Spec changes bump metadata.generation; there is no status.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setNetworkPolicyDefaults } from '../../defaults/networking.ts';
import { validateNetworkPolicy, validateNetworkPolicyUpdate } from '../../validation/networking.ts';

export const networkPoliciesResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  listKind: 'NetworkPolicyList',
  resource: 'networkpolicies',
  singular: 'networkpolicy',
  namespaced: true,
  shortNames: ['netpol'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.networking.v1.NetworkPolicy',
  strategy: {
    defaults: setNetworkPolicyDefaults,
    validate: (policy) => validateNetworkPolicy(policy),
    validateUpdate: (policy, old) => validateNetworkPolicyUpdate(policy, old),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
