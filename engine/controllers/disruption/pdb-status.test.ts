import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../api/json.ts';
import type { Pod } from '../common/workload-types.ts';
import type { Counts } from './pdb-status.ts';
import { buildDisruptedPods, countHealthyPods, nextStatus } from './pdb-status.ts';
import type { PodDisruptionBudget } from './pdb-types.ts';

const NOW = Date.parse('2024-05-01T00:10:00Z');
const ago = (seconds: number) => rfc3339(NOW - seconds * 1000);

const pod = (name: string, ready: boolean, deleting = false): Pod => ({
  metadata: { name, namespace: 'default', ...(deleting ? { deletionTimestamp: ago(1) } : {}) },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const pdb = (status: PodDisruptionBudget['status'] = {}, generation = 1): PodDisruptionBudget => ({
  metadata: { name: 'web', namespace: 'default', generation },
  spec: { minAvailable: 2 },
  status,
});

describe('countHealthyPods', () => {
  it.each([
    ['counts ready pods', [pod('a', true), pod('b', true)], {}, 2],
    ['leaves out pods that are not ready', [pod('a', true), pod('b', false)], {}, 1],
    ['leaves out pods being deleted', [pod('a', true), pod('b', true, true)], {}, 1],
    ['leaves out pods evicted less than two minutes ago', [pod('a', true), pod('b', true)], { b: ago(60) }, 1],
    ['counts again pods evicted longer ago', [pod('a', true), pod('b', true)], { b: ago(180) }, 2],
  ])('%s', (_name, pods, disrupted, healthy) => {
    expect(countHealthyPods(pods, disrupted, NOW)).toBe(healthy);
  });
});

describe('buildDisruptedPods', () => {
  it('keeps recent evictions of standing pods, drops those of deleted pods, and reports old ones', () => {
    const pods = [pod('recent', true), pod('old', true), pod('deleting', true, true)];
    const result = buildDisruptedPods(
      pods,
      pdb({ disruptedPods: { recent: ago(30), old: ago(150), deleting: ago(5) } }),
      NOW,
    );
    expect(result.disruptedPods).toEqual({ recent: ago(30) });
    expect(result.recheckTime).toBe(NOW + 90_000);
    expect(result.notDeleted.map((p) => p.metadata.name)).toEqual(['old']);
  });
});

describe('nextStatus', () => {
  const counts = (currentHealthy: number, desiredHealthy: number, expectedPods: number): Counts => ({
    currentHealthy,
    desiredHealthy,
    expectedPods,
    disruptedPods: {},
  });

  it.each([
    [
      'allows the disruptions healthy pods beyond the desired ones leave room for',
      counts(3, 2, 3),
      1,
      'True',
      'SufficientPods',
    ],
    ['allows none when only the desired pods are healthy', counts(2, 2, 3), 0, 'False', 'InsufficientPods'],
    ['allows none when fewer are healthy than desired', counts(1, 2, 3), 0, 'False', 'InsufficientPods'],
    ['allows none while no pods are expected', counts(1, 0, 0), 0, 'False', 'InsufficientPods'],
  ])('%s', (_name, input, disruptionsAllowed, conditionStatus, reason) => {
    const status = nextStatus(pdb(), input, NOW);
    expect(status).toEqual({
      ...input,
      disruptedPods: null,
      disruptionsAllowed,
      observedGeneration: 1,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: conditionStatus,
          reason,
          message: '',
          observedGeneration: 1,
          lastTransitionTime: rfc3339(NOW),
        },
      ],
    });
  });

  it('writes nothing when the status is current', () => {
    const current = nextStatus(pdb(), counts(3, 2, 3), NOW - 5000);
    expect(nextStatus(pdb(current), counts(3, 2, 3), NOW)).toBeUndefined();
  });

  it('writes when the budget changed since it was last observed, keeping the transition time', () => {
    const current = nextStatus(pdb(), counts(3, 2, 3), NOW - 5000);
    const next = nextStatus(pdb(current, 2), counts(3, 2, 3), NOW);
    expect(next?.observedGeneration).toBe(2);
    expect(next?.conditions?.[0]).toMatchObject({ observedGeneration: 2, lastTransitionTime: rfc3339(NOW - 5000) });
  });

  it('moves the transition time when disruptions stop being allowed', () => {
    const current = nextStatus(pdb(), counts(3, 2, 3), NOW - 5000);
    const next = nextStatus(pdb(current), counts(2, 2, 3), NOW);
    expect(next?.conditions?.[0]).toMatchObject({ status: 'False', lastTransitionTime: rfc3339(NOW) });
  });
});
