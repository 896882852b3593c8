// The coordination.k8s.io group's resources (coordination.k8s.io/v1). LeaseCandidates are alpha in Kubernetes
// 1.32 and not served.

import type { ResourceDefinition } from '../resource-definition.ts';
import { leasesResource } from './leases.ts';

export const coordinationResources: readonly ResourceDefinition[] = [leasesResource];
