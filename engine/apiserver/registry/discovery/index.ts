// The discovery.k8s.io group's resources (discovery.k8s.io/v1).

import type { ResourceDefinition } from '../resource-definition.ts';
import { endpointSlicesResource } from './endpointslices.ts';

export const discoveryResources: readonly ResourceDefinition[] = [endpointSlicesResource];
