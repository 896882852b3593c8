// autoscaling/v1 HorizontalPodAutoscalers are autoscaling/v2 ones seen through v1's narrower shape: a single CPU
// utilization target (spec.targetCPUUtilizationPercentage) instead of a list of metrics. v1 clients read and write
// the same stored objects; other metrics and the scaling behavior are v2-only and do not show through v1.

import type { KubeObject } from '../../../api/object.ts';
import { isPlainObject } from '../../../api/object.ts';

type Json = Record<string, unknown>;

const record = (value: unknown): Json => (isPlainObject(value) ? value : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value.filter(isPlainObject) as Json[]) : []);

function isCpuUtilization(metric: Json): boolean {
  const resource = record(metric['resource']);
  return (
    metric['type'] === 'Resource' && resource['name'] === 'cpu' && record(resource['target'])['type'] === 'Utilization'
  );
}

function withoutUndefined(obj: Json): Json {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

/** v2 (stored) → v1. */
export function hpaV2ToV1(hpa: KubeObject): KubeObject {
  const spec = record(hpa['spec']);
  const status = record(hpa['status']);
  const cpu = list(spec['metrics']).find(isCpuUtilization);
  const currentCpu = list(status['currentMetrics']).find(
    (m) => m['type'] === 'Resource' && record(m['resource'])['name'] === 'cpu',
  );
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: hpa.metadata,
    spec: withoutUndefined({
      scaleTargetRef: spec['scaleTargetRef'],
      minReplicas: spec['minReplicas'],
      maxReplicas: spec['maxReplicas'],
      targetCPUUtilizationPercentage: cpu ? record(record(cpu['resource'])['target'])['averageUtilization'] : undefined,
    }),
    status: withoutUndefined({
      observedGeneration: status['observedGeneration'],
      lastScaleTime: status['lastScaleTime'],
      currentReplicas: status['currentReplicas'] ?? 0,
      desiredReplicas: status['desiredReplicas'] ?? 0,
      currentCPUUtilizationPercentage: currentCpu
        ? record(record(currentCpu['resource'])['current'])['averageUtilization']
        : undefined,
    }),
  };
}

/** v1 → v2 (stored). */
export function hpaV1ToV2(hpa: KubeObject): KubeObject {
  const spec = record(hpa['spec']);
  const status = record(hpa['status']);
  const target = spec['targetCPUUtilizationPercentage'];
  const v2: KubeObject = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: hpa.metadata,
    spec: withoutUndefined({
      scaleTargetRef: spec['scaleTargetRef'],
      minReplicas: spec['minReplicas'],
      maxReplicas: spec['maxReplicas'],
      metrics:
        typeof target === 'number'
          ? [
              {
                type: 'Resource',
                resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } },
              },
            ]
          : undefined,
    }),
  };
  if (hpa['status'] !== undefined) {
    const current = status['currentCPUUtilizationPercentage'];
    v2['status'] = withoutUndefined({
      observedGeneration: status['observedGeneration'],
      lastScaleTime: status['lastScaleTime'],
      currentReplicas: status['currentReplicas'],
      desiredReplicas: status['desiredReplicas'],
      currentMetrics:
        typeof current === 'number'
          ? [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }]
          : undefined,
    });
  }
  return v2;
}
