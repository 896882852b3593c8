import { describe, expect, it } from 'vitest';
import { computePodQOS } from './pod-qos.ts';

function spec(...resources: Record<string, unknown>[]): Record<string, unknown> {
  return { containers: resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r })) };
}

describe('computePodQOS', () => {
  it.each([
    ['no requests or limits is BestEffort', spec({}), 'BestEffort'],
    [
      'equal cpu and memory requests and limits is Guaranteed',
      spec({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1024Mi' } }),
      'Guaranteed',
    ],
    ['a cpu request alone is Burstable', spec({ requests: { cpu: '100m' } }), 'Burstable'],
    ['a limit without memory is Burstable', spec({ limits: { cpu: '1' }, requests: { cpu: '1' } }), 'Burstable'],
    [
      'one best-effort container makes the pod Burstable',
      spec({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, {}),
      'Burstable',
    ],
    ['zero requests count as none', spec({ requests: { cpu: '0' } }), 'BestEffort'],
    [
      'other resources do not count',
      spec({ limits: { 'example.com/gpu': '1' }, requests: { 'example.com/gpu': '1' } }),
      'BestEffort',
    ],
  ])('%s', (_name, podSpec, expected) => {
    expect(computePodQOS(podSpec)).toBe(expected);
  });
});
