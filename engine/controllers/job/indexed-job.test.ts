import { describe, expect, it } from 'vitest';
import type { Job } from '../common/batch-types.ts';
import type { Pod } from '../common/workload-types.ts';
import {
  activePodsForRemoval,
  calculateSucceededIndexes,
  firstPendingIndexes,
  matchSuccessPolicy,
  podGenerateNameWithIndex,
} from './indexed-job.ts';
import { formatIntervals, parseIntervals } from './ordered-intervals.ts';

function indexedJob(completions: number, extra: Partial<NonNullable<Job['spec']>> = {}, completed = ''): Job {
  return {
    metadata: { name: 'idx' },
    spec: { completions, completionMode: 'Indexed', ...extra },
    status: { completedIndexes: completed },
  };
}

function pod(name: string, index: string | undefined, phase = 'Running', ready = false): Pod {
  return {
    metadata: {
      name,
      uid: name,
      annotations: index === undefined ? {} : { 'batch.kubernetes.io/job-completion-index': index },
      finalizers: ['batch.kubernetes.io/job-tracking'],
      creationTimestamp: '2024-05-01T00:00:00Z',
    },
    spec: { nodeName: 'node-1' },
    status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

describe('Indexed Jobs', () => {
  it.each([
    ['starts from the lowest index', 5, '', [], 2, [0, 1]],
    ['skips indexes done or running', 5, '0,2', ['1'], 3, [3, 4]],
    ['stops at completions', 3, '0', ['2'], 5, [1]],
    ['has nothing to start when everything is done or running', 2, '0', ['1'], 1, []],
  ])('%s', (_case, completions, completed, running, count, expected) => {
    const job = indexedJob(completions, {}, completed);
    const active = running.map((ix) => pod(`p${ix}`, ix));
    const succeeded = parseIntervals(completed, completions);
    expect(firstPendingIndexes(job, active, active, succeeded, count)).toEqual(expected);
  });

  it('adds succeeded pods still carrying the finalizer to the completed indexes', () => {
    const job = indexedJob(5, {}, '0');
    const pods = [pod('a', '3', 'Succeeded'), pod('b', '1', 'Succeeded'), pod('c', '9', 'Succeeded'), pod('d', '2')];
    const { previous, succeeded } = calculateSucceededIndexes(job, pods);
    expect(formatIntervals(previous)).toBe('0');
    expect(formatIntervals(succeeded)).toBe('0,1,3');
  });

  it('removes pods repeating an index (keeping the one furthest along), out of range, or without one', () => {
    const job = indexedJob(3);
    const pods = [
      pod('a', '0', 'Running', true),
      pod('b', '0', 'Pending'),
      pod('c', '5'),
      pod('d', undefined),
      pod('e', '1'),
    ];
    const names = activePodsForRemoval(job, pods, 0)
      .map((p) => p.metadata.name)
      .sort();
    expect(names).toEqual(['b', 'c', 'd']);
  });

  it('removes not-ready pods before ready ones when scaling down', () => {
    const job: Job = { metadata: { name: 'plain' }, spec: { completions: 3 } };
    const pods = [
      pod('ready', undefined, 'Running', true),
      pod('pending', undefined, 'Pending'),
      pod('running', undefined),
    ];
    expect(activePodsForRemoval(job, pods, 2).map((p) => p.metadata.name)).toEqual(['pending', 'running']);
  });

  it.each([
    ['a short name keeps its index', 'job', 7, 'job-7-'],
    ['a long name is cut so the generated name fits 63 characters', 'x'.repeat(60), 12, `${'x'.repeat(54)}-12-`],
  ])('%s', (_case, name, index, expected) => {
    expect(podGenerateNameWithIndex(name, index)).toBe(expected);
  });

  it.each([
    ['no policy never matches', undefined, '0-4', undefined],
    [
      'a rule on indexes matches once they all succeeded',
      [{ succeededIndexes: '0,1' }],
      '0-2',
      'Matched rules at index 0',
    ],
    ['a rule on indexes waits for all of them', [{ succeededIndexes: '0-3' }], '0-2', undefined],
    [
      'a count within indexes is enough',
      [{ succeededIndexes: '0-3', succeededCount: 2 }],
      '1,2',
      'Matched rules at index 0',
    ],
    [
      'a plain count matches the second rule',
      [{ succeededIndexes: '4' }, { succeededCount: 3 }],
      '0-2',
      'Matched rules at index 1',
    ],
  ])('%s', (_case, rules, succeeded, message) => {
    const job = indexedJob(5, rules ? { successPolicy: { rules } } : {});
    expect(matchSuccessPolicy(job, parseIntervals(succeeded, 5))).toBe(message);
  });
});
