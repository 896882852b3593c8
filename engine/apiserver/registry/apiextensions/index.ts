// The apiextensions.k8s.io group's resources (apiextensions.k8s.io/v1).

import type { ResourceDefinition } from '../resource-definition.ts';
import { customResourceDefinitionsResource } from './customresourcedefinitions.ts';

export const apiextensionsResources: readonly ResourceDefinition[] = [customResourceDefinitionsResource];
