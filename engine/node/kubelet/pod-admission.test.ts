import { describe, expect, it } from 'vitest';
import { admitPod, podRequests } from './pod-admission.ts';
import type { Container, PodSpec } from './pod-types.ts';

function c(name: string, cpu?: string, memory?: string, restartPolicy?: string): Container {
  const requests: Record<string, string> = {};
  if (cpu) requests['cpu'] = cpu;
  if (memory) requests['memory'] = memory;
  return { name, image: 'x', resources: { requests }, restartPolicy };
}

const allocatable = { cpuMillis: 4000, memoryBytes: 8 * 2 ** 30, pods: 3 };

describe('podRequests', () => {
  it.each<[string, PodSpec, { cpuMillis: number; memoryBytes: number }]>([
    [
      'sums the containers',
      { containers: [c('a', '100m', '64Mi'), c('b', '1')] },
      { cpuMillis: 1100, memoryBytes: 64 * 2 ** 20 },
    ],
    [
      'takes the largest init container when it asks more than the containers',
      { initContainers: [c('init', '2')], containers: [c('a', '500m')] },
      { cpuMillis: 2000, memoryBytes: 0 },
    ],
    [
      'adds sidecars to the containers',
      { initContainers: [c('proxy', '200m', undefined, 'Always')], containers: [c('a', '500m')] },
      { cpuMillis: 700, memoryBytes: 0 },
    ],
    [
      'counts limits as requests where requests are unset',
      { containers: [{ name: 'a', resources: { limits: { cpu: '1' } } }] },
      { cpuMillis: 1000, memoryBytes: 0 },
    ],
  ])('%s', (_name, spec, expected) => {
    expect(podRequests(spec)).toEqual(expected);
  });
});

describe('admitPod', () => {
  it('admits a pod that fits', () => {
    expect(admitPod({ containers: [c('a', '1')] }, [{ containers: [c('b', '2')] }], allocatable)).toEqual({
      admit: true,
    });
  });

  it('rejects a pod asking more CPU than is left, with the kubelet message', () => {
    expect(admitPod({ containers: [c('a', '3')] }, [{ containers: [c('b', '2')] }], allocatable)).toEqual({
      admit: false,
      reason: 'OutOfcpu',
      message: "Node didn't have enough resource: cpu, requested: 3000, used: 2000, capacity: 4000",
    });
  });

  it('rejects a pod asking more memory than the node has', () => {
    expect(admitPod({ containers: [c('a', undefined, '9Gi')] }, [], allocatable)).toMatchObject({
      admit: false,
      reason: 'OutOfmemory',
    });
  });

  it('rejects a pod beyond the node pod capacity', () => {
    const running = [{ containers: [c('a')] }, { containers: [c('b')] }, { containers: [c('c')] }];
    expect(admitPod({ containers: [c('d')] }, running, allocatable)).toEqual({
      admit: false,
      reason: 'OutOfpods',
      message: "Node didn't have enough resource: pods, requested: 1, used: 3, capacity: 3",
    });
  });
});
