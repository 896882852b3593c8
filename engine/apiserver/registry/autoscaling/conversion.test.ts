import { describe, expect, it } from 'vitest';
import { hpaV1ToV2, hpaV2ToV1 } from './conversion.ts';

const v1 = {
  apiVersion: 'autoscaling/v1',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 1,
    maxReplicas: 5,
    targetCPUUtilizationPercentage: 60,
  },
  status: { currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 75 },
};

describe('HorizontalPodAutoscaler conversion', () => {
  it('turns the v1 CPU target into a v2 resource metric', () => {
    const v2 = hpaV1ToV2(v1);
    expect(v2['spec']).toMatchObject({
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
      ],
    });
    expect(v2['status']).toMatchObject({
      currentMetrics: [{ resource: { name: 'cpu', current: { averageUtilization: 75 } } }],
    });
  });

  it('reads a v2 object back as the same v1 object', () => {
    expect(hpaV2ToV1(hpaV1ToV2(v1))).toEqual(v1);
  });

  it('shows no CPU target through v1 when v2 scales on other metrics only', () => {
    const v2 = hpaV1ToV2(v1);
    (v2['spec'] as Record<string, unknown>)['metrics'] = [
      { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
    ];
    expect(hpaV2ToV1(v2)['spec']).not.toHaveProperty('targetCPUUtilizationPercentage');
  });
});
