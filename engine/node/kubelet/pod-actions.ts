// What a pod's next sync must do, as kubelet's computePodActions decides it from the spec and what runs: create
// the sandbox (and restart from the first init container) when there is none, run init containers one by one —
// sidecars stay up and must have started before the next one —, then start every regular container that should run
// by the restart policy, and kill containers whose liveness or startup probe failed or whose image changed.

import type { Container, PodSpec } from './pod-types.ts';
import { isSidecar } from './pod-types.ts';

export interface ContainerView {
  /** Latest instance's state; 'none' when it was never created. */
  state: 'none' | 'running' | 'exited';
  exitCode?: number;
  /** Running and its startup probe passed (or it has none). */
  started: boolean;
  /** 'liveness' or 'startup' when that probe failed past its threshold. */
  probeFailed?: 'liveness' | 'startup';
  /** The running instance runs another image than the spec now names. */
  imageChanged: boolean;
}

export interface PodActions {
  /** Kill everything that runs and create a new sandbox. */
  createSandbox: boolean;
  /** The pod is done: kill what runs and tear the sandbox down. */
  killPod: boolean;
  /** Container names to start, in order. */
  start: string[];
  kill: { name: string; message: string; reason: 'liveness' | 'startup' | 'changed' }[];
}

function restartsOnFailure(spec: PodSpec): boolean {
  return (spec.restartPolicy ?? 'Always') !== 'Never';
}

/** Whether a container not running now should be (re)started (ShouldContainerBeRestarted). */
export function shouldRestart(spec: PodSpec, container: Container, view: ContainerView, deleting: boolean): boolean {
  if (deleting) return false;
  if (view.state === 'none') return true;
  if (view.state === 'running') return false;
  if (isSidecar(container)) return true;
  const policy = spec.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && view.exitCode === 0) return false;
  return true;
}

export function computePodActions(
  spec: PodSpec,
  views: ReadonlyMap<string, ContainerView>,
  sandboxReady: boolean,
  /** A sandbox existed before (so this one would be a re-creation). */
  hadSandbox: boolean,
): PodActions {
  const actions: PodActions = { createSandbox: false, killPod: false, start: [], kill: [] };
  const view = (c: Container): ContainerView =>
    views.get(c.name) ?? { state: 'none', started: false, imageChanged: false };
  const initContainers = spec.initContainers ?? [];

  if (!sandboxReady) {
    const anyCreated = [...views.values()].some((v) => v.state !== 'none');
    if (!restartsOnFailure(spec) && hadSandbox && anyCreated) return { ...actions, killPod: true };
    const toStart = spec.containers.filter(
      (c) => !(spec.restartPolicy === 'OnFailure' && view(c).state === 'exited' && view(c).exitCode === 0),
    );
    if (toStart.length === 0 && spec.containers.some((c) => view(c).state !== 'none')) {
      return { ...actions, killPod: true };
    }
    actions.createSandbox = true;
    const first = initContainers[0];
    actions.start = first ? [first.name] : toStart.map((c) => c.name);
    return actions;
  }

  const regularCreated = spec.containers.some((c) => view(c).state !== 'none');
  for (const c of initContainers) {
    const v = view(c);
    if (isSidecar(c)) {
      if (v.state === 'running') {
        if (v.probeFailed) {
          actions.kill.push({ name: c.name, message: probeMessage(c, v.probeFailed, true), reason: v.probeFailed });
          actions.start.push(c.name);
        }
        if (!v.started && !regularCreated) return actions;
        continue;
      }
      actions.start.push(c.name);
      if (!regularCreated) return actions;
      continue;
    }
    if (regularCreated) continue;
    if (v.state === 'none') {
      actions.start.push(c.name);
      return actions;
    }
    if (v.state === 'running') return actions;
    if (v.exitCode === 0) continue;
    if (!restartsOnFailure(spec)) return { ...actions, killPod: true };
    actions.start.push(c.name);
    return actions;
  }

  let keep = 0;
  const initStarts = actions.start.length;
  for (const c of spec.containers) {
    const v = view(c);
    if (v.state !== 'running') {
      if (shouldRestart(spec, c, v, false)) actions.start.push(c.name);
      continue;
    }
    let reason: 'liveness' | 'startup' | 'changed' | undefined;
    let restart = restartsOnFailure(spec);
    if (v.imageChanged) {
      reason = 'changed';
      restart = true;
    } else if (v.probeFailed) reason = v.probeFailed;
    if (!reason) {
      keep++;
      continue;
    }
    if (restart) actions.start.push(c.name);
    actions.kill.push({ name: c.name, message: probeMessage(c, reason, restart), reason });
  }
  if (keep === 0 && actions.start.length === initStarts) return { ...actions, start: [], kill: [], killPod: true };
  return actions;
}

function probeMessage(c: Container, reason: 'liveness' | 'startup' | 'changed', restart: boolean): string {
  const message =
    reason === 'changed' ? `Container ${c.name} definition changed` : `Container ${c.name} failed ${reason} probe`;
  return restart ? `${message}, will be restarted` : message;
}
