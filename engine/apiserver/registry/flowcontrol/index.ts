// The flowcontrol.apiserver.k8s.io group's resources (flowcontrol.apiserver.k8s.io/v1).

import type { ResourceDefinition } from '../resource-definition.ts';
import { flowSchemasResource } from './flowschemas.ts';
import { priorityLevelConfigurationsResource } from './prioritylevelconfigurations.ts';

export const flowcontrolResources: readonly ResourceDefinition[] = [
  flowSchemasResource,
  priorityLevelConfigurationsResource,
];
