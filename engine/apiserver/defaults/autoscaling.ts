// Defaults of the autoscaling group (pkg/apis/autoscaling/v1 and v2 defaults.go): at least one replica; a v2
// autoscaler without metrics targets 80% CPU; behavior, when given, is completed with the controller's built-in
// rules (scale up by 4 pods or 100% every 15 s, scale down by 100% every 15 s, each picking the larger change).

import type { KubeObject } from '../../api/object.ts';
import { ensureRecord, list, record } from '../validation/access.ts';
import type { Json } from '../validation/access.ts';

export const DEFAULT_CPU_UTILIZATION = 80;

const SCALE_UP_RULES = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const SCALE_DOWN_RULES = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

function setScalingRulesDefaults(behavior: Json, direction: string, defaults: Json): void {
  const rules = record(behavior[direction]);
  if (!rules) {
    behavior[direction] = structuredClone(defaults);
    return;
  }
  for (const [key, value] of Object.entries(defaults)) {
    if (rules[key] === undefined || rules[key] === null) rules[key] = structuredClone(value);
  }
}

export function setHorizontalPodAutoscalerDefaults(hpa: KubeObject): void {
  const spec = ensureRecord(hpa, 'spec');
  spec.minReplicas ??= 1;
  if (list(spec.metrics).length === 0) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } },
      },
    ];
  }
  const behavior = record(spec.behavior);
  if (behavior) {
    setScalingRulesDefaults(behavior, 'scaleUp', SCALE_UP_RULES);
    setScalingRulesDefaults(behavior, 'scaleDown', SCALE_DOWN_RULES);
  }
}

export function setHorizontalPodAutoscalerV1Defaults(hpa: KubeObject): void {
  ensureRecord(hpa, 'spec').minReplicas ??= 1;
}
