import { describe, expect, it } from 'vitest';
import type { Pod } from '../common/workload-types.ts';
import { isPodTerminated, terminatedPodsOverThreshold } from './gc-order.ts';

const pod = (name: string, phase: string, created: string, reason?: string): Pod => ({
  metadata: { name, namespace: 'default', creationTimestamp: created },
  status: { phase, ...(reason ? { reason } : {}) },
});

describe('isPodTerminated', () => {
  it.each([
    ['Pending', false],
    ['Running', false],
    ['Unknown', false],
    ['Succeeded', true],
    ['Failed', true],
  ])('says a %s pod is terminated: %s', (phase, terminated) => {
    expect(isPodTerminated(pod('p', phase, '2024-05-01T00:00:00Z'))).toBe(terminated);
  });
});

describe('terminatedPodsOverThreshold', () => {
  const pods = [
    pod('running', 'Running', '2024-05-01T00:00:00Z'),
    pod('old-done', 'Succeeded', '2024-05-01T00:00:01Z'),
    pod('b-failed', 'Failed', '2024-05-01T00:00:02Z'),
    pod('a-failed', 'Failed', '2024-05-01T00:00:02Z'),
    pod('evicted', 'Failed', '2024-05-01T00:00:09Z', 'Evicted'),
    pod('new-done', 'Succeeded', '2024-05-01T00:00:05Z'),
  ];
  const names = (threshold: number) => terminatedPodsOverThreshold(pods, threshold).map((p) => p.metadata.name);

  it.each([
    ['keeps every pod while the terminated ones are within the threshold', 5, []],
    ['deletes evicted pods first, whatever their age', 4, ['evicted']],
    ['then the oldest, breaking ties on creation time by name', 2, ['evicted', 'old-done', 'a-failed']],
    ['never running pods', 0, ['evicted', 'old-done', 'a-failed', 'b-failed', 'new-done']],
  ])('%s', (_name, threshold, expected) => {
    expect(names(threshold)).toEqual(expected);
  });
});
