// The apps group's resources (apps/v1), in the order discovery lists them.

import type { ResourceDefinition } from '../resource-definition.ts';
import { controllerRevisionsResource } from './controllerrevisions.ts';
import { daemonSetsResource } from './daemonsets.ts';
import { deploymentsResource } from './deployments.ts';
import { replicaSetsResource } from './replicasets.ts';
import { statefulSetsResource } from './statefulsets.ts';

export const appsResources: readonly ResourceDefinition[] = [
  controllerRevisionsResource,
  daemonSetsResource,
  deploymentsResource,
  replicaSetsResource,
  statefulSetsResource,
];
