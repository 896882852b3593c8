import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../common/workload-types.ts';
import { podsToDelete } from './pods-to-delete.ts';
import { calculateStatus } from './replica-set-status.ts';

const NOW = Date.parse('2025-01-01T00:01:00Z');
const rs: ReplicaSet = {
  metadata: { name: 'web', generation: 1 },
  spec: { replicas: 3, minReadySeconds: 30, template: { metadata: { labels: { app: 'web', tier: 'front' } } } },
};

function pod(name: string, labels: Record<string, string>, readySince?: string, node = 'n1'): Pod {
  return {
    metadata: { name, uid: name, labels, creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { nodeName: node },
    status: {
      phase: 'Running',
      conditions: readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }] : [],
    },
  };
}

describe('replica set status', () => {
  it('counts fully labeled, ready, and available-after-minReadySeconds pods', () => {
    const status = calculateStatus(
      rs,
      [
        pod('a', { app: 'web', tier: 'front' }, '2025-01-01T00:00:00Z'),
        pod('b', { app: 'web', tier: 'front' }, '2025-01-01T00:00:50Z'),
        pod('c', { app: 'web' }),
      ],
      undefined,
      NOW,
    );
    expect(status).toEqual({ replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1 });
  });

  const failures = [
    { name: 'a failed create sets ReplicaFailure with FailedCreate', pods: 1, reason: 'FailedCreate' },
    { name: 'a failed delete sets ReplicaFailure with FailedDelete', pods: 4, reason: 'FailedDelete' },
  ];
  for (const c of failures) {
    it(c.name, () => {
      const pods = Array.from({ length: c.pods }, (_, i) => pod(`p${i}`, { app: 'web' }));
      const status = calculateStatus(rs, pods, new Error('pods "web-x" is forbidden: exceeded quota'), NOW);
      expect(status.conditions).toEqual([
        {
          type: 'ReplicaFailure',
          status: 'True',
          lastTransitionTime: '2025-01-01T00:01:00Z',
          reason: c.reason,
          message: 'pods "web-x" is forbidden: exceeded quota',
        },
      ]);
    });
  }

  it('clears ReplicaFailure once pods are managed without error', () => {
    const failing = { ...rs, status: { conditions: [{ type: 'ReplicaFailure', status: 'True' as const }] } };
    expect(calculateStatus(failing, [], undefined, NOW).conditions).toBeUndefined();
  });

  it('deletes pods doubled up with their siblings on a node first', () => {
    const lonely = pod('lonely', {}, '2025-01-01T00:00:00Z', 'n1');
    const crowded = pod('crowded', {}, '2025-01-01T00:00:00Z', 'n2');
    const sibling = pod('sibling', {}, '2025-01-01T00:00:00Z', 'n2');
    expect(podsToDelete([lonely, crowded], [lonely, crowded, sibling], 1, NOW).map((p) => p.metadata.name)).toEqual([
      'crowded',
    ]);
  });
});
