// The pod conditions the kubelet owns, as pkg/kubelet/status/generate.go computes them: PodReadyToStartContainers
// (the sandbox and its network exist), Initialized (every init container completed, or sidecar started),
// ContainersReady (every container ready) and Ready (that, and every readiness gate True); with the reasons
// and messages `kubectl describe` shows.

import { hasAnyRegularContainerStarted } from './pod-phase.ts';
import type { ContainerStatus, PodCondition, PodSpec } from './pod-types.ts';
import { isSidecar } from './pod-types.ts';

export const KUBELET_CONDITIONS = new Set([
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
]);

type Phase = string;

function find(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

/** "[a b]": a Go string slice as %s prints it. */
function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

function condition(type: string, status: string, reason?: string, message?: string): PodCondition {
  const c: PodCondition = { type, status };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

export function containersReadyCondition(
  spec: PodSpec,
  statuses: readonly ContainerStatus[],
  phase: Phase,
): PodCondition {
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string) => {
    const s = find(statuses, name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of spec.initContainers ?? []) if (isSidecar(c)) check(c.name);
  for (const c of spec.containers) check(c.name);
  if (phase === 'Succeeded' && unknown.length === 0) return condition('ContainersReady', 'False', 'PodCompleted');
  if (phase === 'Failed') return condition('ContainersReady', 'False', 'PodFailed');
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length) return condition('ContainersReady', 'False', 'ContainersNotReady', messages.join(', '));
  return condition('ContainersReady', 'True');
}

export function podReadyCondition(
  spec: PodSpec,
  conditions: readonly PodCondition[],
  statuses: readonly ContainerStatus[],
  phase: Phase,
): PodCondition {
  const containersReady = containersReadyCondition(spec, statuses, phase);
  if (containersReady.status !== 'True') {
    return condition('Ready', containersReady.status, containersReady.reason, containersReady.message);
  }
  const messages: string[] = [];
  for (const gate of spec.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') {
      messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
    }
  }
  if (messages.length) return condition('Ready', 'False', 'ReadinessGatesNotReady', messages.join(', '));
  return condition('Ready', 'True');
}

export function initializedCondition(
  spec: PodSpec,
  initStatuses: readonly ContainerStatus[],
  statuses: readonly ContainerStatus[],
  phase: Phase,
): PodCondition {
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of spec.initContainers ?? []) {
    const s = find(initStatuses, c.name);
    if (!s) unknown.push(c.name);
    else if (isSidecar(c) ? !s.started : !s.ready) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return condition('Initialized', 'True', 'PodCompleted');
  if (hasAnyRegularContainerStarted(spec, statuses)) return condition('Initialized', 'True');
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length) return condition('Initialized', 'False', 'ContainersNotInitialized', messages.join(', '));
  return condition('Initialized', 'True');
}

export function readyToStartContainersCondition(sandboxReady: boolean): PodCondition {
  return condition('PodReadyToStartContainers', sandboxReady ? 'True' : 'False');
}
