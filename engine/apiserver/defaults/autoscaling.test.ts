import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../api/object.ts';
import { setHorizontalPodAutoscalerDefaults, setHorizontalPodAutoscalerV1Defaults } from './autoscaling.ts';

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

describe('autoscaling defaults', () => {
  it('targets 80% CPU with one replica minimum when nothing is said', () => {
    const hpa: KubeObject = { metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 5 } };
    setHorizontalPodAutoscalerDefaults(hpa);
    expect(hpa.spec).toEqual({
      scaleTargetRef: ref,
      maxReplicas: 5,
      minReplicas: 1,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
      ],
    });
  });

  it('completes a partial behavior with the built-in rules', () => {
    const hpa: KubeObject = {
      metadata: { name: 'web' },
      spec: { scaleTargetRef: ref, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } },
    };
    setHorizontalPodAutoscalerDefaults(hpa);
    expect((hpa.spec as { behavior: unknown }).behavior).toEqual({
      scaleDown: {
        stabilizationWindowSeconds: 60,
        selectPolicy: 'Max',
        policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      },
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
    });
  });

  it('gives a v1 autoscaler one replica minimum and no more', () => {
    const hpa: KubeObject = { metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 5 } };
    setHorizontalPodAutoscalerV1Defaults(hpa);
    expect(hpa.spec).toEqual({ scaleTargetRef: ref, maxReplicas: 5, minReplicas: 1 });
  });
});
