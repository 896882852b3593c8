// A pod's phase from its container statuses, as kubelet's getPhase decides it: Pending while init containers or
// any container has yet to start, Running once all have started and one runs, Succeeded or Failed once all have
// ended and will not restart (or the pod is terminal), by the restart policy and the exit codes.

import type { ContainerStatus, PodSpec } from './pod-types.ts';
import { isSidecar } from './pod-types.ts';

function statusOf(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

/** Whether any regular container runs or has ended (so initialization was done at some point). */
export function hasAnyRegularContainerStarted(spec: PodSpec, statuses: readonly ContainerStatus[]): boolean {
  return spec.containers.some((c) => {
    const s = statusOf(statuses, c.name);
    return s !== undefined && (s.state.running !== undefined || s.state.terminated !== undefined);
  });
}

export function podPhase(
  spec: PodSpec,
  initStatuses: readonly ContainerStatus[],
  statuses: readonly ContainerStatus[],
  podIsTerminal: boolean,
  isStaticPod: boolean,
): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  const restartPolicy = spec.restartPolicy ?? 'Always';
  let pendingRegularInit = 0;
  let pendingSidecars = 0;
  let failedInitialization = 0;
  for (const container of spec.initContainers ?? []) {
    if (isSidecar(container)) continue;
    const s = statusOf(initStatuses, container.name);
    if (!s || s.state.running) pendingRegularInit++;
    else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingRegularInit++;
    } else pendingRegularInit++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const container of spec.initContainers ?? []) {
    if (!isSidecar(container)) continue;
    const s = statusOf(initStatuses, container.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state.running) {
      if (!s.started) pendingSidecars++;
      running++;
    } else if (s.state.terminated) {
      // Ended sidecars do not count for the phase.
    } else if (s.state.waiting) {
      if (!s.lastState.terminated) {
        pendingSidecars++;
        waiting++;
      }
    } else {
      pendingSidecars++;
      unknown++;
    }
  }
  for (const container of spec.containers) {
    const s = statusOf(statuses, container.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  if (failedInitialization > 0 && restartPolicy === 'Never') return 'Failed';
  if (
    pendingRegularInit > 0 ||
    (pendingSidecars > 0 && !hasAnyRegularContainerStarted(spec, statuses)) ||
    waiting > 0
  ) {
    return 'Pending';
  }
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal && !isStaticPod) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}
