// The scheduling.k8s.io group's resources (scheduling.k8s.io/v1).

import type { ResourceDefinition } from '../resource-definition.ts';
import { priorityClassesResource } from './priorityclasses.ts';

export const schedulingResources: readonly ResourceDefinition[] = [priorityClassesResource];
