// Container statuses as kubelet's convertToAPIContainerStatuses writes them: the latest instance's state (running,
// terminated) and the one before as lastState, the default wait (ContainerCreating, or PodInitializing behind init
// containers) for containers never created, and the start failure (ErrImagePull, CrashLoopBackOff…) as the wait of
// a container due to (re)start; containerStatuses sorted by name, init container statuses in spec order.

import { rfc3339 } from '../../api/json.ts';
import type { Container, ContainerState, ContainerStatus, VolumeMountStatus } from './pod-types.ts';
import { isSidecar } from './pod-types.ts';

/** One container instance as the runtime reports it. */
export interface ContainerInstance {
  id: string;
  state: 'created' | 'running' | 'exited';
  /** docker.io/library/nginx:latest */
  image: string;
  /** docker.io/library/nginx@sha256:… */
  imageID: string;
  attempt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  message?: string;
}

/** What the kubelet knows of one container of the pod. */
export interface ContainerRecord {
  spec: Container;
  current?: ContainerInstance;
  previous?: ContainerInstance;
  /** Why the last attempt to (re)start it failed (kubelet's reason cache). */
  waiting?: { reason: string; message: string };
  /** Readiness probe result (or no probe) of the running instance. */
  ready: boolean;
  /** Startup probe passed (or no probe) for the running instance. */
  started: boolean;
  /** Whether the next sync would (re)start it (ShouldContainerBeRestarted). */
  shouldRestart: boolean;
}

export const CONTAINER_ID_PREFIX = 'containerd://';

function stateOf(instance: ContainerInstance): ContainerState {
  if (instance.state === 'running') return { running: { startedAt: rfc3339(instance.startedAt ?? 0) } };
  if (instance.state === 'created') return { waiting: {} };
  const terminated: NonNullable<ContainerState['terminated']> = {
    containerID: CONTAINER_ID_PREFIX + instance.id,
    exitCode: instance.exitCode ?? 0,
    finishedAt: rfc3339(instance.finishedAt ?? 0),
    startedAt: rfc3339(instance.startedAt ?? 0),
  };
  if (instance.reason) terminated.reason = instance.reason;
  if (instance.message) terminated.message = instance.message;
  return { terminated };
}

function volumeMountsOf(spec: Container): VolumeMountStatus[] | undefined {
  if (!spec.volumeMounts?.length) return undefined;
  return spec.volumeMounts.map((m) =>
    m.readOnly
      ? { name: m.name, mountPath: m.mountPath, readOnly: true, recursiveReadOnly: 'Disabled' }
      : { name: m.name, mountPath: m.mountPath },
  );
}

export function containerStatus(record: ContainerRecord, isInit: boolean, defaultWaiting: string): ContainerStatus {
  const { spec, current, previous } = record;
  const status: ContainerStatus = {
    name: spec.name,
    state: { waiting: { reason: defaultWaiting } },
    lastState: {},
    ready: false,
    restartCount: 0,
    image: spec.image ?? '',
    imageID: '',
    started: false,
  };
  if (current) {
    status.state = stateOf(current);
    if (previous) status.lastState = stateOf(previous);
    status.image = current.image;
    status.imageID = current.imageID;
    status.containerID = CONTAINER_ID_PREFIX + current.id;
    status.restartCount = current.attempt;
    const running = current.state === 'running';
    status.started = running && record.started;
    if (isInit && !isSidecar(spec)) {
      status.ready = current.state === 'exited' && current.exitCode === 0;
    } else {
      status.ready = running && record.started && record.ready;
    }
    const mounts = volumeMountsOf(spec);
    if (mounts) status.volumeMounts = mounts;
  }
  if (record.shouldRestart && record.waiting) {
    if (status.state.terminated) status.lastState = status.state;
    status.state = { waiting: { reason: record.waiting.reason, message: record.waiting.message } };
    if (!record.waiting.message) delete status.state.waiting!.message;
  }
  return status;
}

export function containerStatuses(records: readonly ContainerRecord[], hasInitContainers: boolean): ContainerStatus[] {
  const wait = hasInitContainers ? 'PodInitializing' : 'ContainerCreating';
  return records
    .map((r) => containerStatus(r, false, wait))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function initContainerStatuses(records: readonly ContainerRecord[]): ContainerStatus[] {
  return records.map((r) => containerStatus(r, true, 'PodInitializing'));
}
