// The node.k8s.io group's resources (node.k8s.io/v1).

import type { ResourceDefinition } from '../resource-definition.ts';
import { runtimeClassesResource } from './runtimeclasses.ts';

export const nodeResources: readonly ResourceDefinition[] = [runtimeClassesResource];
