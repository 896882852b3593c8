import { describe, expect, it } from 'vitest';
import type { Pod } from '../common/workload-types.ts';
import { BackoffStore, podFinishedTime, remainingBackoff } from './backoff.ts';

const T0 = Date.parse('2024-05-01T00:00:00Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');

function finishedPod(name: string, finishedAtSecond: number): Pod {
  return {
    metadata: { name, creationTimestamp: at(0) },
    status: {
      containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 1, finishedAt: at(finishedAtSecond) } } }],
    },
  };
}

describe('the Job pod failure back-off', () => {
  it.each([
    ['no failure means no wait', 0, 0, 0],
    ['one failure waits 10 s', 1, 0, 10_000],
    ['two failures wait 20 s', 2, 0, 20_000],
    ['six failures wait 320 s', 6, 0, 320_000],
    ['seven failures are capped at 10 minutes', 7, 0, 600_000],
    ['time since the last failure counts', 2, 15_000, 5_000],
    ['a back-off that has passed leaves nothing', 1, 11_000, 0],
  ])('%s', (_case, failures, elapsed, remaining) => {
    const record = { key: 'ns/job', failuresAfterLastSuccess: failures, lastFailureTime: failures ? T0 : undefined };
    expect(remainingBackoff(record, T0 + elapsed)).toBe(remaining);
  });

  it.each<[string, Pod, number]>([
    ['takes the container finish time', finishedPod('a', 7), T0 + 7000],
    [
      'falls back on when the pod stopped being ready',
      {
        metadata: { creationTimestamp: at(0) },
        status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: at(4) }] },
      },
      T0 + 4000,
    ],
    [
      'falls back on the deletion time',
      { metadata: { creationTimestamp: at(0), deletionTimestamp: at(9) } },
      T0 + 9000,
    ],
    ['falls back on the creation time', { metadata: { creationTimestamp: at(3) } }, T0 + 3000],
  ])('%s', (_case, pod, time) => {
    expect(podFinishedTime(pod)).toBe(time);
  });

  it('counts failures since the last success, keeping the latest failure time', () => {
    const store = new BackoffStore();
    const first = store.newBackoffRecord('ns/job', [], [finishedPod('a', 5), finishedPod('b', 8)]);
    expect(first).toEqual({ key: 'ns/job', failuresAfterLastSuccess: 2, lastFailureTime: T0 + 8000 });
    store.update(first);
    const afterSuccess = store.newBackoffRecord(
      'ns/job',
      [finishedPod('ok', 10)],
      [finishedPod('c', 9), finishedPod('d', 12), finishedPod('e', 15)],
    );
    expect(afterSuccess).toEqual({ key: 'ns/job', failuresAfterLastSuccess: 2, lastFailureTime: T0 + 15_000 });
    store.remove('ns/job');
    expect(store.newBackoffRecord('ns/job', [], [])).toEqual({
      key: 'ns/job',
      failuresAfterLastSuccess: 0,
      lastFailureTime: undefined,
    });
  });
});
