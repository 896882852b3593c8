import { describe, expect, it } from 'vitest';
import { DecisionLog } from './decision-log.ts';
import type { PodRef } from './decision-log.ts';
import { AttemptBuilder, topIndexes } from './decision-record.ts';

const NOW = Date.parse('2024-05-01T00:00:00Z');
const ref = (name: string, uid = name): PodRef => ({
  namespace: 'default',
  name,
  uid,
  schedulerName: 'default-scheduler',
});

function attempt(n: number, result: AttemptBuilder['result'], nodeName?: string): AttemptBuilder {
  const a = new AttemptBuilder(n, NOW + n * 1000, 50);
  a.result = result;
  a.nodeName = nodeName;
  return a;
}

describe('DecisionLog', () => {
  it('serves a pod decision as a SchedulingDecision object', () => {
    const log = new DecisionLog();
    const a = attempt(1, 'Scheduled', 'node-1');
    log.recordAttempt(ref('web'), a);
    expect(log.get('default', 'web')).toMatchObject({
      apiVersion: 'lab.kubelab.io/v1alpha1',
      kind: 'SchedulingDecision',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T00:00:01Z' },
      status: { podUID: 'web', phase: 'Binding', nodeName: 'node-1', attemptCount: 1 },
    });

    a.binding = { result: 'Bound' };
    log.update(ref('web'), a);
    expect(log.get('default', 'web')?.status.phase).toBe('Scheduled');
  });

  it('keeps the last attempts of each pod and counts them all', () => {
    const log = new DecisionLog({ maxAttemptsPerPod: 2 });
    for (let i = 1; i <= 4; i++) log.recordAttempt(ref('p'), attempt(i, 'Unschedulable'));
    const status = log.get('default', 'p')!.status;
    expect(status.attemptCount).toBe(4);
    expect(status.attempts.map((a) => a.attempt)).toEqual([3, 4]);
  });

  it('forgets the least recently tried pods first', () => {
    const log = new DecisionLog({ maxPods: 2 });
    log.recordAttempt(ref('a'), attempt(1, 'Unschedulable'));
    log.recordAttempt(ref('b'), attempt(1, 'Unschedulable'));
    log.recordAttempt(ref('a'), attempt(2, 'Unschedulable'));
    log.recordAttempt(ref('c'), attempt(1, 'Unschedulable'));
    expect(log.list().map((d) => d.metadata.name)).toEqual(['a', 'c']);
  });

  it('starts afresh for a pod recreated under the same name', () => {
    const log = new DecisionLog();
    log.recordAttempt(ref('p', 'old'), attempt(1, 'Unschedulable'));
    log.recordAttempt(ref('p', 'new'), attempt(1, 'Scheduled', 'n'));
    expect(log.get('default', 'p')?.status).toMatchObject({ podUID: 'new', attemptCount: 1 });
  });

  it('lists one namespace or all', () => {
    const log = new DecisionLog();
    log.recordAttempt(ref('a'), attempt(1, 'Unschedulable'));
    log.recordAttempt({ ...ref('b'), namespace: 'other' }, attempt(1, 'Unschedulable'));
    expect(log.list('other').map((d) => d.metadata.name)).toEqual(['b']);
    expect(log.list()).toHaveLength(2);
  });
});

describe('topIndexes', () => {
  it.each([
    { totals: [5, 9, 1, 9, 7], k: 3, want: [1, 3, 4] },
    { totals: [5, 9, 1], k: 5, want: [1, 0, 2] },
    { totals: [3, 3, 3, 3], k: 2, want: [0, 1] },
    { totals: [1, 2, 3, 4, 5], k: 2, want: [4, 3] },
    { totals: [], k: 2, want: [] },
  ])('picks the $k best of $totals, ties in node order', ({ totals, k, want }) => {
    expect(topIndexes(totals, k)).toEqual(want);
  });
});
