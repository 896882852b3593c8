import { describe, expect, it } from 'vitest';

import type { Json } from './access.ts';
import {
  validateHorizontalPodAutoscaler,
  validateHorizontalPodAutoscalerStatus,
  validateHorizontalPodAutoscalerV1,
} from './autoscaling.ts';

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const cpu = (target: Json): Json => ({ type: 'Resource', resource: { name: 'cpu', target } });
const hpa = (spec: Json): Json => ({
  metadata: { name: 'web' },
  spec: {
    scaleTargetRef: ref,
    minReplicas: 1,
    maxReplicas: 5,
    metrics: [cpu({ type: 'Utilization', averageUtilization: 80 })],
    ...spec,
  },
});

describe('validateHorizontalPodAutoscaler', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts what kubectl autoscale creates', hpa({}), []],
    [
      'requires at least one replica',
      hpa({ minReplicas: 0 }),
      ['spec.minReplicas: Invalid value: 0: must be greater than or equal to 1'],
    ],
    [
      'requires a maximum at or above the minimum',
      hpa({ minReplicas: 3, maxReplicas: 2 }),
      ['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`'],
    ],
    [
      'requires a maximum',
      hpa({ maxReplicas: undefined }),
      [
        'spec.maxReplicas: Invalid value: 0: must be greater than 0',
        'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`',
      ],
    ],
    [
      'requires a scale target',
      hpa({ scaleTargetRef: {} }),
      ['spec.scaleTargetRef.kind: Required value', 'spec.scaleTargetRef.name: Required value'],
    ],
    [
      'requires the source of the metric type',
      hpa({ metrics: [{ type: 'Pods' }] }),
      ['spec.metrics[0].pods: Required value: must populate information for the given metric source'],
    ],
    [
      'rejects an unknown metric type',
      hpa({ metrics: [{ type: 'Memory' }] }),
      [
        'spec.metrics[0].type: Unsupported value: "Memory": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
        'spec.metrics[0].memory: Required value: must populate information for the given metric source',
      ],
    ],
    [
      'requires a resource target',
      hpa({ metrics: [cpu({ type: 'Utilization' })] }),
      [
        'spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization',
      ],
    ],
    [
      'rejects a zero utilization',
      hpa({ metrics: [cpu({ type: 'Utilization', averageUtilization: 0 })] }),
      ['spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0'],
    ],
    [
      'rejects an unknown target type',
      hpa({ metrics: [cpu({ type: 'Percent', averageUtilization: 50 })] }),
      [
        'spec.metrics[0].resource.target.type: Invalid value: "Percent": must be either Utilization, Value, or AverageValue',
      ],
    ],
    [
      'checks scaling policies',
      hpa({
        behavior: {
          scaleDown: {
            stabilizationWindowSeconds: 7200,
            selectPolicy: 'Avg',
            policies: [{ type: 'Pods', value: 0, periodSeconds: 15 }],
          },
        },
      }),
      [
        'spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 7200: must be less than or equal to 3600',
        'spec.behavior.scaleDown.selectPolicy: Unsupported value: "Avg": supported values: "Disabled", "Max", "Min"',
        'spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(validateHorizontalPodAutoscaler(obj).map(String)).toEqual(expected);
  });

  it('checks an autoscaling/v1 CPU target where conversion puts it', () => {
    const v1 = {
      metadata: { name: 'web' },
      spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 0 },
    };
    expect(validateHorizontalPodAutoscalerV1(v1).map(String)).toEqual([
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
    ]);
  });

  it('rejects negative replica counts in status', () => {
    expect(
      validateHorizontalPodAutoscalerStatus({ status: { currentReplicas: -1, desiredReplicas: 0 } }).map(String),
    ).toEqual(['status.currentReplicas: Invalid value: -1: must be greater than or equal to 0']);
  });
});
