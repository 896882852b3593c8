import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { hpaTargets } from './hpa-targets.ts';

function hpa(metrics?: object[], currentMetrics?: object[]): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: { maxReplicas: 10, ...(metrics ? { metrics } : {}) },
    status: { currentReplicas: 4, ...(currentMetrics ? { currentMetrics } : {}) },
  };
}

const averageValue = (value: string) => ({ type: 'AverageValue', averageValue: value });
const value = (v: string) => ({ type: 'Value', value: v });
const utilization = (percent: number) => ({ type: 'Utilization', averageUtilization: percent });
const external = (target: object) => ({ type: 'External', external: { metric: { name: 'queue' }, target } });
const externalNow = (current: object) => ({ type: 'External', external: { metric: { name: 'queue' }, current } });
const resource = (target: object) => ({ type: 'Resource', resource: { name: 'cpu', target } });
const resourceNow = (current: object) => ({ type: 'Resource', resource: { name: 'cpu', current } });

describe('hpaTargets', () => {
  it.each([
    ['<none> without metrics', hpa(), '<none>'],
    ['an external average value not measured yet', hpa([external(averageValue('100m'))]), '<unknown>/100m (avg)'],
    [
      'an external average value',
      hpa([external(averageValue('100m'))], [externalNow({ averageValue: '50m' })]),
      '50m/100m (avg)',
    ],
    ['an external value not measured yet', hpa([external(value('100m'))]), '<unknown>/100m'],
    ['an external value', hpa([external(value('100m'))], [externalNow({ value: '50m' })]), '50m/100m'],
    [
      'a pods metric',
      hpa(
        [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: averageValue('1k') } }],
        [{ type: 'Pods', pods: { metric: { name: 'rps' }, current: { averageValue: '500' } } }],
      ),
      '500/1k',
    ],
    [
      'an object metric',
      hpa(
        [
          {
            type: 'Object',
            object: {
              describedObject: { kind: 'Service', name: 'web' },
              metric: { name: 'hits' },
              target: value('100m'),
            },
          },
        ],
        [
          {
            type: 'Object',
            object: {
              describedObject: { kind: 'Service', name: 'web' },
              metric: { name: 'hits' },
              current: { value: '50m' },
            },
          },
        ],
      ),
      '50m/100m',
    ],
    ['a resource value not measured yet', hpa([resource(averageValue('100m'))]), 'cpu: <unknown>/100m'],
    [
      'a resource value',
      hpa([resource(averageValue('100m'))], [resourceNow({ averageValue: '50m' })]),
      'cpu: 50m/100m',
    ],
    ['a resource utilization not measured yet', hpa([resource(utilization(80))]), 'cpu: <unknown>/80%'],
    [
      'a resource utilization',
      hpa([resource(utilization(80))], [resourceNow({ averageUtilization: 50 })]),
      'cpu: 50%/80%',
    ],
    ['a resource utilization without a target', hpa([resource({ type: 'Utilization' })]), 'cpu: <unknown>/<auto>'],
    [
      'a container resource utilization',
      hpa(
        [
          {
            type: 'ContainerResource',
            containerResource: { name: 'memory', container: 'app', target: utilization(70) },
          },
        ],
        [
          {
            type: 'ContainerResource',
            containerResource: { name: 'memory', container: 'app', current: { averageUtilization: 30 } },
          },
        ],
      ),
      'memory: 30%/70%',
    ],
    ['an unknown metric type', hpa([{ type: 'Magic' }]), '<unknown type>'],
    [
      'the first two metrics and how many more',
      hpa(
        [resource(utilization(80)), external(value('1')), resource(averageValue('1')), external(value('2'))],
        [resourceNow({ averageUtilization: 10 })],
      ),
      'cpu: 10%/80%, <unknown>/1 + 2 more...',
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(hpaTargets(obj)).toBe(want);
  });

  it.each([
    [
      'the CPU target of an autoscaling/v1 object',
      { targetCPUUtilizationPercentage: 60 },
      { currentCPUUtilizationPercentage: 42 },
      'cpu: 42%/60%',
    ],
    ['the default CPU target of an autoscaling/v1 object', {}, {}, 'cpu: <unknown>/80%'],
  ])('prints %s', (_name, spec, status, want) => {
    const obj: KubeObject = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { maxReplicas: 10, ...spec },
      status: { currentReplicas: 1, ...status },
    };
    expect(hpaTargets(obj)).toBe(want);
  });
});
