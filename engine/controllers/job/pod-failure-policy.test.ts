import { describe, expect, it } from 'vitest';
import type { PodFailurePolicyRule } from '../common/batch-types.ts';
import type { Pod } from '../common/workload-types.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';

function failedPod(exitCode: number, conditions: { type: string; status: 'True' | 'False' }[] = []): Pod {
  return {
    metadata: { name: 'p', namespace: 'ns' },
    status: {
      phase: 'Failed',
      conditions,
      containerStatuses: [{ name: 'main', state: { terminated: { exitCode } } }],
    },
  };
}

const failOn42: PodFailurePolicyRule = { action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } };
const ignoreDisruption: PodFailurePolicyRule = {
  action: 'Ignore',
  onPodConditions: [{ type: 'DisruptionTarget' }],
};

describe('pod failure policies', () => {
  it.each<[string, PodFailurePolicyRule[] | undefined, Pod, ReturnType<typeof matchPodFailurePolicy>]>([
    ['without a policy every failure counts', undefined, failedPod(1), { countFailed: true }],
    [
      'a FailJob rule on the exit code fails the Job with a message naming the container',
      [failOn42],
      failedPod(42),
      {
        failJobMessage: 'Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 0',
        countFailed: true,
        action: 'FailJob',
      },
    ],
    ['an exit code no rule matches counts as usual', [failOn42], failedPod(1), { countFailed: true }],
    [
      'an Ignore rule on a pod condition does not count the failure',
      [failOn42, ignoreDisruption],
      failedPod(137, [{ type: 'DisruptionTarget', status: 'True' }]),
      { countFailed: false, action: 'Ignore' },
    ],
    [
      'a condition with another status does not match',
      [ignoreDisruption],
      failedPod(137, [{ type: 'DisruptionTarget', status: 'False' }]),
      { countFailed: true },
    ],
    [
      'NotIn matches the codes not listed',
      [{ action: 'Count', onExitCodes: { operator: 'NotIn', values: [1, 2] } }],
      failedPod(3),
      { countFailed: true, action: 'Count' },
    ],
    [
      'a rule for another container does not match',
      [{ action: 'Ignore', onExitCodes: { containerName: 'sidecar', operator: 'In', values: [1] } }],
      failedPod(1),
      { countFailed: true },
    ],
  ])('%s', (_case, rules, pod, expected) => {
    expect(matchPodFailurePolicy(rules, pod)).toEqual(expected);
  });
});
