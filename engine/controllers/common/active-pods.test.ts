import { describe, expect, it } from 'vitest';
import { POD_DELETION_COST_ANNOTATION, logarithmicRankDiff, sortActivePodsWithRanks } from './active-pods.ts';
import type { Pod } from './workload-types.ts';

const NOW = Date.parse('2025-01-01T01:00:00Z');

function pod(
  name: string,
  opts: { node?: string; phase?: string; readySince?: string; cost?: string; restarts?: number; created?: string } = {},
): Pod {
  return {
    metadata: {
      name,
      uid: name,
      creationTimestamp: opts.created ?? '2025-01-01T00:00:00Z',
      annotations: opts.cost ? { [POD_DELETION_COST_ANNOTATION]: opts.cost } : {},
    },
    spec: { nodeName: opts.node ?? 'node-1' },
    status: {
      phase: opts.phase ?? 'Running',
      conditions: opts.readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: opts.readySince }] : [],
      containerStatuses: [{ name: 'c', restartCount: opts.restarts ?? 0 }],
    },
  };
}

describe('which pods go first on scale-down', () => {
  const ready = '2025-01-01T00:00:00Z';
  const cases = [
    {
      name: 'an unassigned pod before an assigned one',
      first: pod('a', { node: '', readySince: ready }),
      second: pod('b', { readySince: ready }),
    },
    { name: 'a pending pod before a running one', first: pod('a', { phase: 'Pending' }), second: pod('b') },
    { name: 'a pod that is not ready before a ready one', first: pod('a'), second: pod('b', { readySince: ready }) },
    {
      name: 'a lower deletion cost first',
      first: pod('a', { readySince: ready, cost: '-5' }),
      second: pod('b', { readySince: ready }),
    },
    {
      name: 'the more recently ready first, in logarithmic buckets',
      first: pod('a', { readySince: '2025-01-01T00:59:00Z' }),
      second: pod('b', { readySince: '2025-01-01T00:00:00Z' }),
    },
    {
      name: 'more container restarts first',
      first: pod('a', { readySince: ready, restarts: 3 }),
      second: pod('b', { readySince: ready }),
    },
    {
      name: 'the newer pod first',
      first: pod('a', { created: '2025-01-01T00:59:00Z' }),
      second: pod('b', { created: '2025-01-01T00:00:00Z' }),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      for (const order of [
        [c.first, c.second],
        [c.second, c.first],
      ]) {
        const sorted = sortActivePodsWithRanks(
          order.map((p) => ({ pod: p, rank: 0 })),
          NOW,
        );
        expect(sorted.map((r) => r.pod.metadata.name)).toEqual([c.first.metadata.name, c.second.metadata.name]);
      }
    });
  }

  it('prefers pods doubled up on a node with more of their siblings', () => {
    const sorted = sortActivePodsWithRanks(
      [
        { pod: pod('a'), rank: 1 },
        { pod: pod('b'), rank: 3 },
      ],
      NOW,
    );
    expect(sorted.map((r) => r.pod.metadata.name)).toEqual(['b', 'a']);
  });

  it('puts ages within the same power of two in one bucket', () => {
    expect(logarithmicRankDiff(NOW - 1100, NOW - 1500, NOW)).toBe(0);
    expect(logarithmicRankDiff(NOW - 1000, NOW - 4000, NOW)).toBeLessThan(0);
  });
});
