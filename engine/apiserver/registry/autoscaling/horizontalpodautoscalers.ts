// HorizontalPodAutoscalers (pkg/registry/autoscaling/horizontalpodautoscaler), served as autoscaling/v2 (the
// preferred version) and autoscaling/v1 over the same stored objects in /registry/horizontalpodautoscalers. The
// integrator converts between the two versions (v1's targetCPUUtilizationPercentage is v2's first CPU metric).
// A new autoscaler starts with an empty status, which Go writes with its non-optional counters.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import {
  setHorizontalPodAutoscalerDefaults,
  setHorizontalPodAutoscalerV1Defaults,
} from '../../defaults/autoscaling.ts';
import {
  validateHorizontalPodAutoscaler,
  validateHorizontalPodAutoscalerStatus,
  validateHorizontalPodAutoscalerV1,
} from '../../validation/autoscaling.ts';

/** What both versions share: names, scope, short name and category. */
function common(): Omit<ResourceDefinition, 'version' | 'schema' | 'subresources' | 'strategy'> {
  return {
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    listKind: 'HorizontalPodAutoscalerList',
    resource: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler',
    namespaced: true,
    shortNames: ['hpa'],
    categories: ['all'],
    verbs: ALL_VERBS,
  };
}

export const horizontalPodAutoscalersV2Resource: ResourceDefinition = {
  ...common(),
  version: 'v2',
  schema: 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  subresources: { status: statusSubresource('autoscaling', 'HorizontalPodAutoscaler', 'v2') },
  strategy: {
    defaults: setHorizontalPodAutoscalerDefaults,
    prepareForCreate: (hpa) => resetStatus(hpa, { currentMetrics: null, desiredReplicas: 0 }),
    validate: (hpa) => validateHorizontalPodAutoscaler(hpa),
    validateUpdate: (hpa) => validateHorizontalPodAutoscaler(hpa),
    validateStatusUpdate: (hpa) => validateHorizontalPodAutoscalerStatus(hpa),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};

export const horizontalPodAutoscalersV1Resource: ResourceDefinition = {
  ...common(),
  version: 'v1',
  schema: 'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler',
  subresources: { status: statusSubresource('autoscaling', 'HorizontalPodAutoscaler', 'v1') },
  strategy: {
    defaults: setHorizontalPodAutoscalerV1Defaults,
    prepareForCreate: (hpa) => resetStatus(hpa, { currentReplicas: 0, desiredReplicas: 0 }),
    validate: (hpa) => validateHorizontalPodAutoscalerV1(hpa),
    validateUpdate: (hpa) => validateHorizontalPodAutoscalerV1(hpa),
    validateStatusUpdate: (hpa) => validateHorizontalPodAutoscalerStatus(hpa),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
