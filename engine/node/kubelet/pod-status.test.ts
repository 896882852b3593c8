import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../api/json.ts';
import type { ContainerInstance, ContainerRecord } from './container-statuses.ts';
import { generatePodStatus, rejectedPodStatus } from './pod-status.ts';
import type { PodSpec, PodStatus } from './pod-types.ts';

const T0 = Date.parse('2024-05-01T00:00:00Z');
const NOW = T0 + 5000;

function instance(state: ContainerInstance['state'], extra: Partial<ContainerInstance> = {}): ContainerInstance {
  return {
    id: 'abc123',
    state,
    image: 'docker.io/library/nginx:latest',
    imageID: 'docker.io/library/nginx@sha256:00ff',
    attempt: 0,
    startedAt: T0 + 1000,
    ...extra,
  };
}

function record(name: string, extra: Partial<ContainerRecord> = {}): ContainerRecord {
  return { spec: { name, image: 'nginx' }, ready: true, started: true, shouldRestart: false, ...extra };
}

function conditions(status: PodStatus): [string, string, string?, string?][] {
  return (status.conditions ?? []).map((c) => {
    const row: [string, string, string?, string?] = [c.type, c.status];
    if (c.reason) row.push(c.reason);
    if (c.message) row.push(c.message);
    return row;
  });
}

const spec: PodSpec = { containers: [{ name: 'web', image: 'nginx' }] };

function generate(
  containers: ContainerRecord[],
  options: {
    spec?: PodSpec;
    init?: ContainerRecord[];
    sandboxReady?: boolean;
    previous?: PodStatus;
    terminal?: boolean;
  } = {},
): PodStatus {
  return generatePodStatus({
    spec: options.spec ?? spec,
    previous: options.previous ?? {},
    init: options.init ?? [],
    containers,
    sandboxReady: options.sandboxReady ?? true,
    podIP: '10.244.1.5',
    hostIP: '172.18.0.2',
    terminal: options.terminal ?? false,
    isStaticPod: false,
    now: NOW,
  });
}

describe('generatePodStatus', () => {
  it('reports a pod whose sandbox is being created as Pending with ContainerCreating', () => {
    const status = generate([record('web')], { sandboxReady: false });
    expect(status.phase).toBe('Pending');
    expect(conditions(status)).toEqual([
      ['PodReadyToStartContainers', 'False'],
      ['Initialized', 'True'],
      ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [web]'],
      ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [web]'],
      ['PodScheduled', 'True'],
    ]);
    expect(status.containerStatuses).toEqual([
      {
        name: 'web',
        state: { waiting: { reason: 'ContainerCreating' } },
        lastState: {},
        ready: false,
        restartCount: 0,
        image: 'nginx',
        imageID: '',
        started: false,
      },
    ]);
  });

  it('reports a running, ready container with its ID, image ID and start time', () => {
    const status = generate([record('web', { current: instance('running') })]);
    expect(status.phase).toBe('Running');
    expect(conditions(status).map(([type, s]) => `${type}=${s}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(status.containerStatuses?.[0]).toEqual({
      name: 'web',
      state: { running: { startedAt: rfc3339(T0 + 1000) } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:latest',
      imageID: 'docker.io/library/nginx@sha256:00ff',
      containerID: 'containerd://abc123',
      started: true,
    });
    expect(status).toMatchObject({
      hostIP: '172.18.0.2',
      hostIPs: [{ ip: '172.18.0.2' }],
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      startTime: rfc3339(NOW),
    });
  });

  it('reports a container whose readiness probe has not succeeded as running but not ready', () => {
    const status = generate([record('web', { current: instance('running'), ready: false })]);
    expect(status.phase).toBe('Running');
    expect(status.containerStatuses?.[0]).toMatchObject({ ready: false, started: true });
    expect(conditions(status)[2]).toEqual([
      'Ready',
      'False',
      'ContainersNotReady',
      'containers with unready status: [web]',
    ]);
  });

  it('reports a crash-looping container as waiting in CrashLoopBackOff with its last termination', () => {
    const exited = instance('exited', { attempt: 3, exitCode: 1, reason: 'Error', finishedAt: T0 + 2000 });
    const waiting = {
      reason: 'CrashLoopBackOff',
      message: 'back-off 40s restarting failed container=web pod=p_default(u)',
    };
    const status = generate([record('web', { current: exited, waiting, shouldRestart: true })]);
    expect(status.phase).toBe('Running');
    expect(status.containerStatuses?.[0]).toMatchObject({
      state: { waiting },
      lastState: {
        terminated: {
          exitCode: 1,
          reason: 'Error',
          containerID: 'containerd://abc123',
          startedAt: rfc3339(T0 + 1000),
          finishedAt: rfc3339(T0 + 2000),
        },
      },
      restartCount: 3,
      ready: false,
      started: false,
    });
  });

  it('reports a completed pod as Succeeded with PodCompleted conditions', () => {
    const done = instance('exited', { exitCode: 0, reason: 'Completed', finishedAt: T0 + 2000 });
    const status = generate([record('web', { current: done })], {
      spec: { ...spec, restartPolicy: 'Never' },
      sandboxReady: false,
    });
    expect(status.phase).toBe('Succeeded');
    expect(conditions(status)).toEqual([
      ['PodReadyToStartContainers', 'False'],
      ['Initialized', 'True', 'PodCompleted'],
      ['Ready', 'False', 'PodCompleted'],
      ['ContainersReady', 'False', 'PodCompleted'],
      ['PodScheduled', 'True'],
    ]);
  });

  it('reports containers behind a running init container as PodInitializing', () => {
    const withInit: PodSpec = { ...spec, initContainers: [{ name: 'setup', image: 'busybox' }] };
    const status = generate([record('web')], {
      spec: withInit,
      init: [record('setup', { current: instance('running') })],
    });
    expect(status.phase).toBe('Pending');
    expect(conditions(status)[1]).toEqual([
      'Initialized',
      'False',
      'ContainersNotInitialized',
      'containers with incomplete status: [setup]',
    ]);
    expect(status.initContainerStatuses?.[0]).toMatchObject({ name: 'setup', ready: false, started: true });
    expect(status.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
  });

  it('keeps transition times and the start time while conditions hold, and conditions of other writers', () => {
    const previous: PodStatus = {
      startTime: rfc3339(T0),
      conditions: [
        { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', lastTransitionTime: rfc3339(T0) },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(T0) },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(T0) },
        { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: rfc3339(T0) },
      ],
    };
    const status = generate([record('web', { current: instance('running') })], { previous });
    expect(status.startTime).toBe(rfc3339(T0));
    const byType = new Map((status.conditions ?? []).map((c) => [c.type, c]));
    expect(status.conditions?.[0]?.type).toBe('DisruptionTarget');
    expect(byType.get('Initialized')?.lastTransitionTime).toBe(rfc3339(T0));
    expect(byType.get('PodScheduled')?.lastTransitionTime).toBe(rfc3339(T0));
    expect(byType.get('Ready')?.lastTransitionTime).toBe(rfc3339(NOW));
  });
});

describe('readiness gates', () => {
  const gated: PodSpec = { ...spec, readinessGates: [{ conditionType: 'example.com/ready' }] };

  it.each([
    [undefined, 'False', 'corresponding condition of pod readiness gate "example.com/ready" does not exist.'],
    ['False', 'False', 'the status of pod readiness gate "example.com/ready" is not "True", but False'],
    ['True', 'True', undefined],
  ])('with the gate condition %s in the API the pod is Ready=%s', (gate, ready, message) => {
    const apiConditions = gate ? [{ type: 'example.com/ready', status: gate }] : [];
    const status = generatePodStatus({
      spec: gated,
      previous: {},
      apiConditions,
      init: [],
      containers: [record('web', { current: instance('running') })],
      sandboxReady: true,
      hostIP: '172.18.0.2',
      terminal: false,
      isStaticPod: false,
      now: NOW,
    });
    const condition = status.conditions?.find((c) => c.type === 'Ready');
    expect(condition?.status).toBe(ready);
    expect(condition?.message).toBe(message);
    if (gate) expect(status.conditions?.[0]).toEqual({ type: 'example.com/ready', status: gate });
  });
});

describe('rejectedPodStatus', () => {
  it('fails the pod with the admission reason, keeping only PodScheduled', () => {
    const previous: PodStatus = {
      phase: 'Pending',
      qosClass: 'BestEffort',
      conditions: [{ type: 'PodScheduled', status: 'True' }],
    };
    expect(
      rejectedPodStatus(
        previous,
        'OutOfcpu',
        "Node didn't have enough resource: cpu, requested: 8000, used: 0, capacity: 4000",
      ),
    ).toEqual({
      phase: 'Failed',
      reason: 'OutOfcpu',
      message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 8000, used: 0, capacity: 4000",
      conditions: [{ type: 'PodScheduled', status: 'True' }],
      qosClass: 'BestEffort',
    });
  });
});
