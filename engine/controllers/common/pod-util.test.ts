import { describe, expect, it } from 'vitest';
import { isPodActive, isPodAvailable, isPodReady } from './pod-util.ts';
import type { Pod } from './workload-types.ts';

const T0 = Date.parse('2025-01-01T00:00:00Z');

function pod(ready: boolean | undefined, extra: Partial<Pod> = {}, phase = 'Running'): Pod {
  const conditions =
    ready === undefined
      ? []
      : [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2025-01-01T00:00:00Z' } as const];
  return { metadata: { name: 'p' }, status: { phase, conditions }, ...extra };
}

describe('pod predicates', () => {
  const availability = [
    {
      name: 'a ready pod is available at once without minReadySeconds',
      pod: pod(true),
      min: 0,
      now: T0,
      expected: true,
    },
    { name: 'a pod that is not ready is never available', pod: pod(false), min: 0, now: T0, expected: false },
    { name: 'a ready pod waits out minReadySeconds', pod: pod(true), min: 10, now: T0 + 10_000, expected: false },
    {
      name: 'a pod ready for longer than minReadySeconds is available',
      pod: pod(true),
      min: 10,
      now: T0 + 10_001,
      expected: true,
    },
  ];
  for (const c of availability) it(c.name, () => expect(isPodAvailable(c.pod, c.min, c.now)).toBe(c.expected));

  const activity = [
    { name: 'a running pod is active', pod: pod(true), expected: true },
    { name: 'a succeeded pod is not active', pod: pod(true, {}, 'Succeeded'), expected: false },
    { name: 'a failed pod is not active', pod: pod(true, {}, 'Failed'), expected: false },
    {
      name: 'a pod being deleted is not active',
      pod: pod(true, { metadata: { name: 'p', deletionTimestamp: '2025-01-01T00:00:00Z' } }),
      expected: false,
    },
  ];
  for (const c of activity) it(c.name, () => expect(isPodActive(c.pod)).toBe(c.expected));

  it('reads readiness from the Ready condition only', () => {
    expect(isPodReady(pod(undefined))).toBe(false);
    expect(isPodReady(pod(true))).toBe(true);
  });
});
