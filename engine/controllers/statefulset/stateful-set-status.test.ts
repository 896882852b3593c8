import { describe, expect, it } from 'vitest';
import type { Pod } from '../common/workload-types.ts';
import { statefulSetMaxUnavailable } from './stateful-set-control.ts';
import { completeRollingUpdate, computeReplicaStatus, inconsistentStatus } from './stateful-set-status.ts';
import type { StatefulSet, StatefulSetStatus } from './statefulset-types.ts';

const NOW = Date.parse('2024-05-01T00:01:00Z');

function pod(name: string, revision: string, phase: string, readySince?: string, deleting = false): Pod {
  return {
    metadata: {
      name,
      labels: { 'controller-revision-hash': revision },
      ...(deleting ? { deletionTimestamp: '2024-05-01T00:00:59Z' } : {}),
    },
    status: {
      phase,
      conditions: readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }] : [],
    },
  };
}

describe('the replica counts of a set', () => {
  const pods = [
    pod('web-0', 'web-a', 'Running', '2024-05-01T00:00:00Z'),
    pod('web-1', 'web-b', 'Running', '2024-05-01T00:00:55Z'),
    pod('web-2', 'web-b', 'Pending'),
    pod('web-3', 'web-a', 'Running', '2024-05-01T00:00:00Z', true),
    { metadata: { name: 'web-4' } },
  ];

  it.each([
    [0, { replicas: 4, readyReplicas: 3, availableReplicas: 3, currentReplicas: 1, updatedReplicas: 2 }],
    [10, { replicas: 4, readyReplicas: 3, availableReplicas: 2, currentReplicas: 1, updatedReplicas: 2 }],
  ])('with minReadySeconds %i are %j', (minReadySeconds, counts) => {
    expect(computeReplicaStatus([pods], minReadySeconds, 'web-a', 'web-b', NOW)).toEqual(counts);
  });
});

describe('the end of a rolling update', () => {
  const set: StatefulSet = { metadata: {}, spec: { replicas: 2, updateStrategy: { type: 'RollingUpdate' } } };

  it.each<[string, StatefulSetStatus, boolean]>([
    ['every replica updated and ready', { replicas: 2, readyReplicas: 2, updatedReplicas: 2 }, true],
    ['a replica not ready yet', { replicas: 2, readyReplicas: 1, updatedReplicas: 2 }, false],
    ['a replica at the old revision', { replicas: 2, readyReplicas: 2, updatedReplicas: 1 }, false],
    ['a surplus replica still there', { replicas: 3, readyReplicas: 2, updatedReplicas: 2 }, false],
  ])('with %s moves the current revision: %s', (_case, counts, completes) => {
    const status: StatefulSetStatus = {
      ...counts,
      currentReplicas: 0,
      currentRevision: 'web-a',
      updateRevision: 'web-b',
    };
    completeRollingUpdate(set, status);
    expect(status.currentRevision).toBe(completes ? 'web-b' : 'web-a');
    expect(status.currentReplicas).toBe(completes ? 2 : 0);
  });

  it('never comes by itself with OnDelete', () => {
    const status: StatefulSetStatus = { replicas: 2, readyReplicas: 2, updatedReplicas: 2, currentRevision: 'web-a' };
    completeRollingUpdate({ metadata: {}, spec: { replicas: 2, updateStrategy: { type: 'OnDelete' } } }, status);
    expect(status.currentRevision).toBe('web-a');
  });
});

describe('whether a status needs writing', () => {
  const stored: StatefulSetStatus = { observedGeneration: 2, replicas: 3, readyReplicas: 3, currentRevision: 'web-a' };
  const set: StatefulSet = { metadata: {}, status: stored };

  it.each<[string, StatefulSetStatus, boolean]>([
    ['the same counts', { ...stored }, false],
    ['a newer generation', { ...stored, observedGeneration: 3 }, true],
    ['another ready count', { ...stored, readyReplicas: 2 }, true],
    ['another update revision', { ...stored, updateRevision: 'web-b' }, true],
    ['another available count', { ...stored, availableReplicas: 3 }, true],
    ['only another collision count', { ...stored, collisionCount: 1 }, false],
  ])('with %s: %s', (_case, status, needed) => {
    expect(inconsistentStatus(set, status)).toBe(needed);
  });
});

describe('how many pods a rolling update may take down', () => {
  it.each([
    [undefined, 5, 1],
    [2, 5, 2],
    ['50%', 5, 2],
    ['10%', 5, 1],
    ['100%', 4, 4],
  ])('maxUnavailable %j of %i replicas: %i', (maxUnavailable, replicas, expected) => {
    const set: StatefulSet = {
      metadata: {},
      spec: { replicas, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable } } },
    };
    expect(statefulSetMaxUnavailable(set, replicas)).toBe(expected);
  });
});
