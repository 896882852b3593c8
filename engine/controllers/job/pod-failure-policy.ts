// A Job's pod failure policy (pod_failure_policy.go): the first rule whose exit codes or pod conditions match a
// failed pod decides — FailJob ends the Job with a message naming the container or condition, Ignore does not count
// the failure against backoffLimit, Count counts it as usual.

import type { PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyRule } from '../common/batch-types.ts';
import type { ContainerStatus, Pod } from '../common/workload-types.ts';

export interface PolicyMatch {
  /** Set when a FailJob rule matched: why the Job fails. */
  failJobMessage?: string;
  /** Whether the failure counts against backoffLimit. */
  countFailed: boolean;
  action?: PodFailurePolicyRule['action'];
}

interface TerminatedState {
  exitCode: number;
}

function terminatedOf(status: ContainerStatus): TerminatedState | undefined {
  const state = status['state'] as { terminated?: TerminatedState } | undefined;
  return state?.terminated;
}

function operatorMatches(exitCode: number, requirement: PodFailurePolicyOnExitCodesRequirement): boolean {
  if (requirement.operator === 'In') return requirement.values.includes(exitCode);
  if (requirement.operator === 'NotIn') return !requirement.values.includes(exitCode);
  return false;
}

/** The first terminated container (regular, then init) with a non-zero exit code the requirement matches. */
function matchOnExitCodes(
  pod: Pod,
  requirement: PodFailurePolicyOnExitCodesRequirement,
): { name: string; exitCode: number } | undefined {
  for (const statuses of [pod.status?.containerStatuses, pod.status?.initContainerStatuses]) {
    for (const status of statuses ?? []) {
      const terminated = terminatedOf(status);
      if (!terminated) continue;
      if (requirement.containerName !== undefined && requirement.containerName !== status.name) continue;
      if (terminated.exitCode !== 0 && operatorMatches(terminated.exitCode, requirement)) {
        return { name: status.name, exitCode: terminated.exitCode };
      }
    }
  }
  return undefined;
}

function matchOnPodConditions(pod: Pod, rule: PodFailurePolicyRule): string | undefined {
  for (const condition of pod.status?.conditions ?? []) {
    for (const pattern of rule.onPodConditions ?? []) {
      if (condition.type === pattern.type && condition.status === (pattern.status ?? 'True')) return condition.type;
    }
  }
  return undefined;
}

/** matchPodFailurePolicy for a failed pod; without a policy every failure counts. */
export function matchPodFailurePolicy(rules: readonly PodFailurePolicyRule[] | undefined, pod: Pod): PolicyMatch {
  if (!rules) return { countFailed: true };
  const podName = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (const [index, rule] of rules.entries()) {
    let failJobMessage: string | undefined;
    if (rule.onExitCodes) {
      const container = matchOnExitCodes(pod, rule.onExitCodes);
      if (!container) continue;
      failJobMessage = `Container ${container.name} for pod ${podName} failed with exit code ${container.exitCode} matching ${rule.action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const condition = matchOnPodConditions(pod, rule);
      if (!condition) continue;
      failJobMessage = `Pod ${podName} has condition ${condition} matching ${rule.action} rule at index ${index}`;
    } else {
      continue;
    }
    switch (rule.action) {
      case 'Ignore':
        return { countFailed: false, action: 'Ignore' };
      case 'Count':
        return { countFailed: true, action: 'Count' };
      case 'FailJob':
        return { failJobMessage, countFailed: true, action: 'FailJob' };
      case 'FailIndex':
        // Per-index back-off limits are not simulated; the rule counts the failure like Count.
        return { countFailed: true, action: 'FailIndex' };
    }
  }
  return { countFailed: true };
}
