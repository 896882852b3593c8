import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { autoscalingPrinters } from './autoscaling.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const hpa = (spec: object): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2025-03-01T11:00:00Z' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 10, ...spec },
  status: { currentReplicas: 4, desiredReplicas: 5 },
});

const printer = autoscalingPrinters.HorizontalPodAutoscaler;

describe('horizontalPodAutoscalerPrinter', () => {
  it('declares REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE', () => {
    expect(printer?.columns.map((c) => c.name)).toEqual([
      'Name',
      'Reference',
      'Targets',
      'MinPods',
      'MaxPods',
      'Replicas',
      'Age',
    ]);
  });

  it.each([
    [
      'an autoscaler without a minimum or metrics',
      hpa({}),
      ['web', 'Deployment/web', '<none>', '<unset>', 10, 4, '60m'],
    ],
    [
      'an autoscaler with a minimum and a CPU target',
      hpa({
        minReplicas: 2,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
        ],
      }),
      ['web', 'Deployment/web', 'cpu: <unknown>/80%', '2', 10, 4, '60m'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(printer?.row(obj, NOW)).toEqual(want);
  });
});
