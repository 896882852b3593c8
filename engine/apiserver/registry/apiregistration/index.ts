// The apiregistration.k8s.io group's resources (apiregistration.k8s.io/v1).

import type { ResourceDefinition } from '../resource-definition.ts';
import { apiServicesResource } from './apiservices.ts';

export const apiregistrationResources: readonly ResourceDefinition[] = [apiServicesResource];
