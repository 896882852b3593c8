// The certificates.k8s.io group's resources (certificates.k8s.io/v1). ClusterTrustBundles are alpha in
// Kubernetes 1.32 and not served.

import type { ResourceDefinition } from '../resource-definition.ts';
import { certificateSigningRequestsResource } from './certificatesigningrequests.ts';

export const certificatesResources: readonly ResourceDefinition[] = [certificateSigningRequestsResource];
