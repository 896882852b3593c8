// The autoscaling group's resources: autoscaling/v2 (preferred) and autoscaling/v1. The scale sub-resources of
// workloads answer with autoscaling/v1 Scale objects but are served with the workloads.

import type { ResourceDefinition } from '../resource-definition.ts';
import { horizontalPodAutoscalersV1Resource, horizontalPodAutoscalersV2Resource } from './horizontalpodautoscalers.ts';

export const autoscalingResources: readonly ResourceDefinition[] = [
  horizontalPodAutoscalersV2Resource,
  horizontalPodAutoscalersV1Resource,
];
