// The networking.k8s.io group's resources (networking.k8s.io/v1), in the order discovery lists them. IPAddresses
// and ServiceCIDRs are beta in Kubernetes 1.32 and not served.

import type { ResourceDefinition } from '../resource-definition.ts';
import { ingressClassesResource } from './ingressclasses.ts';
import { ingressesResource } from './ingresses.ts';
import { networkPoliciesResource } from './networkpolicies.ts';

export const networkingResources: readonly ResourceDefinition[] = [
  ingressClassesResource,
  ingressesResource,
  networkPoliciesResource,
];
