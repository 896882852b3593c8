import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../common/workload-types.ts';
import { setNewReplicaSetAnnotations } from './annotations.ts';
import { getProportion, maxSurge, maxUnavailable, newRSNewReplicas } from './deployment-util.ts';
import { calculateStatus } from './sync.ts';

function deployment(
  replicas: number,
  maxSurgeValue: number | string,
  maxUnavailableValue: number | string,
): Deployment {
  return {
    metadata: { name: 'web', generation: 2, annotations: { team: 'a', 'deployment.kubernetes.io/revision': '9' } },
    spec: {
      replicas,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: maxSurgeValue, maxUnavailable: maxUnavailableValue },
      },
    },
  };
}

const rs = (name: string, replicas: number, annotations: Record<string, string> = {}, available = 0): ReplicaSet => ({
  metadata: { name, annotations },
  spec: { replicas },
  status: { replicas, availableReplicas: available, readyReplicas: available },
});

describe('rollout arithmetic', () => {
  const fenceposts = [
    {
      name: 'percentages: surge rounds up, unavailability down',
      d: deployment(10, '25%', '25%'),
      surge: 3,
      unavailable: 2,
    },
    { name: 'both zero after rounding leaves one unavailable', d: deployment(1, 0, '25%'), surge: 0, unavailable: 1 },
    { name: 'unavailability never exceeds the replicas', d: deployment(2, 0, 5), surge: 0, unavailable: 2 },
    { name: 'nothing may be unavailable of zero replicas', d: deployment(0, 1, 1), surge: 1, unavailable: 0 },
  ];
  for (const c of fenceposts) {
    it(c.name, () => {
      expect(maxSurge(c.d)).toBe(c.surge);
      expect(maxUnavailable(c.d)).toBe(c.unavailable);
    });
  }

  const growth = [
    {
      name: 'the new replica set grows by the surge',
      d: deployment(4, 1, 0),
      all: [rs('old', 4), rs('new', 0)],
      expected: 1,
    },
    {
      name: 'it does not grow past replicas + maxSurge pods',
      d: deployment(4, 1, 0),
      all: [rs('old', 4), rs('new', 1)],
      expected: 1,
    },
    {
      name: 'it never grows past the replicas',
      d: deployment(2, 5, 0),
      all: [rs('old', 0), rs('new', 1)],
      expected: 2,
    },
  ];
  for (const c of growth) it(c.name, () => expect(newRSNewReplicas(c.d, c.all, c.all[1]!)).toBe(c.expected));

  it('scales replica sets in proportion to their recorded share', () => {
    // 10 → 20 replicas with maxSurge 0: a replica set of 6 out of a recorded 10 gets 6 more.
    const d = deployment(20, 0, 1);
    expect(getProportion(rs('a', 6, { 'deployment.kubernetes.io/max-replicas': '10' }), d, 10, 0)).toBe(6);
    expect(getProportion(rs('b', 4, { 'deployment.kubernetes.io/max-replicas': '10' }), d, 10, 6)).toBe(4);
  });

  it('raises a reused replica set revision and records the old one in its history', () => {
    const old = rs('web-1', 0, {
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/revision-history': '',
    });
    expect(setNewReplicaSetAnnotations(deployment(2, 1, 0), old, '3', true, 1)).toBe(true);
    expect(old.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
      team: 'a',
    });
  });

  const availability = [
    {
      name: 'Available when replicas − maxUnavailable are available',
      available: 2,
      status: 'True',
      reason: 'MinimumReplicasAvailable',
    },
    { name: 'not Available below that', available: 1, status: 'False', reason: 'MinimumReplicasUnavailable' },
  ];
  for (const c of availability) {
    it(c.name, () => {
      const d = deployment(3, 1, 1);
      const status = calculateStatus([rs('web-1', 3, {}, c.available)], undefined, d, 0);
      expect(status).toMatchObject({
        observedGeneration: 2,
        replicas: 3,
        availableReplicas: c.available,
        unavailableReplicas: 3 - c.available,
      });
      expect(status.conditions).toEqual([
        expect.objectContaining({ type: 'Available', status: c.status, reason: c.reason }),
      ]);
    });
  }
});
