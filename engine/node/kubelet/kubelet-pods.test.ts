// The kubelet's pod lifecycle against an in-process cluster: pods bound to its node start (sandbox, pull, init
// containers, containers) and report phases, conditions and container states; restart policies, crash-loop
// back-off, image pull failures, host-network pods and graceful deletion behave as kubelet's.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kubelet } from './kubelet.ts';
import type { ContainerStatus, PodStatus } from './pod-types.ts';
import { KubeletTestCluster } from './testing/kubelet-test-cluster.ts';

let lab: KubeletTestCluster;
let kubelet: Kubelet;

beforeEach(async () => {
  lab = await KubeletTestCluster.start();
  kubelet = lab.kubelet('node-1');
  await kubelet.start();
});

afterEach(async () => {
  await lab.close();
});

const IMAGE = 'kubelab/test';

function container(status: PodStatus, name: string): ContainerStatus | undefined {
  return [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].find((c) => c.name === name);
}

function conditionsOf(status: PodStatus): Record<string, string> {
  return Object.fromEntries((status.conditions ?? []).map((c) => [c.type, c.status]));
}

describe('starting a pod', () => {
  it('runs a pod bound to the node: Pending, then Running and Ready with its container status and IP', async () => {
    await lab.createPod('web', { containers: [{ name: 'web', image: IMAGE, args: ['serve', '80'] }] });
    const pending = await lab.podUntil('web', (s) => s.containerStatuses !== undefined, 'its first status');
    expect((pending['status'] as PodStatus).phase).toBe('Pending');
    expect(container(pending['status'] as PodStatus, 'web')?.state).toEqual({
      waiting: { reason: 'ContainerCreating' },
    });

    const pod = await lab.podUntil('web', (s) => conditionsOf(s)['Ready'] === 'True', 'Ready');
    const status = pod['status'] as PodStatus;
    expect(status.phase).toBe('Running');
    expect(status.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(status.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(status.podIPs).toEqual([{ ip: status.podIP }]);
    expect(status.hostIP).toBe('172.18.0.2');
    expect(status.qosClass).toBe('BestEffort');
    expect(status.startTime).toBeDefined();
    const web = container(status, 'web');
    expect(web).toMatchObject({
      name: 'web',
      ready: true,
      started: true,
      restartCount: 0,
      image: 'docker.io/kubelab/test:latest',
      imageID: expect.stringMatching(/^docker\.io\/kubelab\/test@sha256:[0-9a-f]{64}$/),
      containerID: expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/),
      state: { running: { startedAt: expect.any(String) } },
    });

    const events = await lab.eventsFor('web');
    expect(events.map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(events[0]?.message).toBe(`Pulling image "${IMAGE}"`);
    expect(events[1]?.message).toMatch(
      /^Successfully pulled image "kubelab\/test" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 12000000 bytes\.$/,
    );
    expect(events[2]?.message).toBe('Created container: web');
    expect(events[3]?.message).toBe('Started container web');
  });

  it('pulls a tagged image once (IfNotPresent) and a :latest one every time (Always)', async () => {
    for (const [name, image] of [
      ['a', `${IMAGE}:1.0`],
      ['b', `${IMAGE}:1.0`],
      ['c', IMAGE],
    ] as const) {
      await lab.createPod(name, { containers: [{ name: 'c', image }] });
      await lab.podUntil(name, (s) => s.phase === 'Running', 'Running');
    }
    expect((await lab.eventsFor('a')).map((e) => e.reason)).toContain('Pulling');
    expect(await lab.eventsFor('b')).toContainEqual({
      reason: 'Pulled',
      message: `Container image "${IMAGE}:1.0" already present on machine`,
    });
    expect((await lab.eventsFor('c')).map((e) => e.reason)).toContain('Pulling');
  });

  it('runs init containers one after the other before the containers', async () => {
    await lab.createPod('init', {
      initContainers: [
        { name: 'first', image: IMAGE, args: ['sleep', '2'] },
        { name: 'second', image: IMAGE, args: ['echo', 'done'] },
      ],
      containers: [{ name: 'main', image: IMAGE }],
    });
    const initializing = await lab.podUntil(
      'init',
      (s) => container(s, 'first')?.state.running !== undefined,
      'the first init container runs',
    );
    const status = initializing['status'] as PodStatus;
    expect(status.phase).toBe('Pending');
    expect(container(status, 'second')?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(container(status, 'main')?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(status.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [first second]',
    });

    const running = await lab.podUntil('init', (s) => s.phase === 'Running', 'Running');
    const done = running['status'] as PodStatus;
    for (const name of ['first', 'second']) {
      expect(container(done, name)).toMatchObject({
        ready: true,
        started: false,
        state: { terminated: { exitCode: 0, reason: 'Completed' } },
      });
    }
    expect(conditionsOf(done)['Initialized']).toBe('True');
  });

  it('makes a pod with a readiness gate Ready once another controller sets the gate condition', async () => {
    await lab.createPod('gated', {
      readinessGates: [{ conditionType: 'example.com/load-balancer' }],
      containers: [{ name: 'c', image: IMAGE }],
    });
    const waiting = await lab.podUntil('gated', (s) => s.phase === 'Running', 'Running');
    expect((waiting['status'] as PodStatus).conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "example.com/load-balancer" does not exist.',
    });
    await lab.client.patch(
      { group: '', version: 'v1', resource: 'pods' },
      'default',
      'gated',
      'strategic',
      { status: { conditions: [{ type: 'example.com/load-balancer', status: 'True' }] } },
      { subresource: 'status' },
    );
    await lab.podUntil('gated', (s) => conditionsOf(s)['Ready'] === 'True', 'Ready');
  });

  it('gives a host-network pod the node IP', async () => {
    await lab.createPod('host', { hostNetwork: true, containers: [{ name: 'c', image: IMAGE }] });
    const pod = await lab.podUntil('host', (s) => s.phase === 'Running', 'Running');
    expect((pod['status'] as PodStatus).podIP).toBe('172.18.0.2');
  });
});

describe('pods that end', () => {
  it.each([
    { restartPolicy: 'Never', args: ['exit', '0'], phase: 'Succeeded', reason: 'Completed', exitCode: 0 },
    { restartPolicy: 'Never', args: ['exit', '3'], phase: 'Failed', reason: 'Error', exitCode: 3 },
    { restartPolicy: 'OnFailure', args: ['exit', '0'], phase: 'Succeeded', reason: 'Completed', exitCode: 0 },
  ])(
    'a $restartPolicy pod whose container runs `$args` ends $phase',
    async ({ restartPolicy, args, phase, reason, exitCode }) => {
      await lab.createPod('job', { restartPolicy, containers: [{ name: 'c', image: IMAGE, args }] });
      const pod = await lab.podUntil('job', (s) => s.phase === phase, phase);
      const status = pod['status'] as PodStatus;
      expect(container(status, 'c')).toMatchObject({
        ready: false,
        started: false,
        restartCount: 0,
        state: { terminated: { exitCode, reason } },
      });
      const expectedReason = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
      expect(status.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
        status: 'False',
        reason: expectedReason,
      });
      expect(conditionsOf(status)['PodReadyToStartContainers']).toBe('False');
    },
  );

  it('takes the termination message from the log of a failed container with FallbackToLogsOnError', async () => {
    await lab.createPod('fail', {
      restartPolicy: 'Never',
      containers: [{ name: 'c', image: IMAGE, args: ['crash'], terminationMessagePolicy: 'FallbackToLogsOnError' }],
    });
    const pod = await lab.podUntil('fail', (s) => s.phase === 'Failed', 'Failed');
    expect(container(pod['status'] as PodStatus, 'c')?.state.terminated).toMatchObject({
      exitCode: 1,
      reason: 'Error',
      message: 'crashing\n',
    });
  });

  it('restarts a failing container of an OnFailure pod', async () => {
    await lab.createPod('retry', {
      restartPolicy: 'OnFailure',
      containers: [{ name: 'c', image: IMAGE, args: ['crash'] }],
    });
    const pod = await lab.podUntil('retry', (s) => (container(s, 'c')?.restartCount ?? 0) >= 1, 'restarted');
    expect((pod['status'] as PodStatus).phase).toBe('Running');
  });
});

describe('node admission', () => {
  it('rejects a pod that does not fit the node: Failed, OutOfcpu', async () => {
    await lab.createPod('huge', { containers: [{ name: 'c', image: IMAGE, resources: { requests: { cpu: '8' } } }] });
    const pod = await lab.podUntil('huge', (s) => s.phase === 'Failed', 'Failed');
    const message = "Node didn't have enough resource: cpu, requested: 8000, used: 0, capacity: 4000";
    expect(pod['status']).toMatchObject({ reason: 'OutOfcpu', message: `Pod was rejected: ${message}` });
    expect(await lab.eventsFor('huge')).toContainEqual({ reason: 'OutOfcpu', message });
  });
});

describe('crash-loop back-off', () => {
  it('restarts a crashing container after 10 s, then 20 s, showing CrashLoopBackOff in between', async () => {
    await lab.createPod('crash', { containers: [{ name: 'c', image: IMAGE, args: ['crash'] }] });
    const first = await lab.podUntil(
      'crash',
      (s) => container(s, 'c')?.state.waiting?.reason === 'CrashLoopBackOff',
      'CrashLoopBackOff',
    );
    const status = first['status'] as PodStatus;
    const c = container(status, 'c')!;
    expect(c.restartCount).toBe(1);
    expect(c.state.waiting?.message).toBe(
      `back-off 10s restarting failed container=c pod=crash_default(${first.metadata.uid})`,
    );
    expect(c.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(status.phase).toBe('Running');
    expect(status.conditions?.find((x) => x.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [c]',
    });

    const second = await lab.podUntil(
      'crash',
      (s) => container(s, 'c')?.restartCount === 2 && container(s, 'c')?.state.waiting?.reason === 'CrashLoopBackOff',
      'the second back-off',
    );
    expect(container(second['status'] as PodStatus, 'c')?.state.waiting?.message).toMatch(/^back-off 20s /);
    const backOffs = (await lab.eventsFor('crash')).filter((e) => e.reason === 'BackOff');
    expect(backOffs[0]?.message).toBe(
      `Back-off restarting failed container c in pod crash_default(${first.metadata.uid})`,
    );
  });
});

describe('image pulls', () => {
  it('reports ErrImagePull, then ImagePullBackOff, for an image that does not exist', async () => {
    await lab.createPod('missing', { containers: [{ name: 'c', image: 'nosuchimage:1.0' }] });
    const failed = await lab.podUntil(
      'missing',
      (s) => container(s, 'c')?.state.waiting?.reason === 'ErrImagePull',
      'ErrImagePull',
    );
    const pullError =
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nosuchimage:1.0": failed to resolve reference "docker.io/library/nosuchimage:1.0": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
    expect(container(failed['status'] as PodStatus, 'c')?.state.waiting?.message).toBe(pullError);
    const backingOff = await lab.podUntil(
      'missing',
      (s) => container(s, 'c')?.state.waiting?.reason === 'ImagePullBackOff',
      'ImagePullBackOff',
    );
    expect(container(backingOff['status'] as PodStatus, 'c')?.state.waiting?.message).toBe(
      `Back-off pulling image "nosuchimage:1.0": ErrImagePull: ${pullError}`,
    );
    expect((backingOff['status'] as PodStatus).phase).toBe('Pending');
    const events = await lab.eventsFor('missing');
    expect(events).toContainEqual({
      reason: 'Failed',
      message: `Failed to pull image "nosuchimage:1.0": ${pullError}`,
    });
    expect(events).toContainEqual({ reason: 'Failed', message: 'Error: ErrImagePull' });
    expect(events).toContainEqual({ reason: 'BackOff', message: 'Back-off pulling image "nosuchimage:1.0"' });
    expect(events).toContainEqual({ reason: 'Failed', message: 'Error: ImagePullBackOff' });
  });
});

describe('deleting a pod', () => {
  it('stops its containers within the grace period, then deletes the pod object', async () => {
    await lab.createPod('web', { terminationGracePeriodSeconds: 5, containers: [{ name: 'web', image: IMAGE }] });
    await lab.podUntil('web', (s) => s.phase === 'Running', 'Running');
    await lab.client.delete({ group: '', version: 'v1', resource: 'pods' }, 'default', 'web');
    const terminating = await lab.pod('web');
    expect(terminating?.metadata.deletionGracePeriodSeconds).toBe(5);
    await lab.podGone('web');
    expect(await lab.eventsFor('web')).toContainEqual({ reason: 'Killing', message: 'Stopping container web' });
  });

  it('runs the preStop hook before stopping the container', async () => {
    await lab.createPod('hooked', {
      terminationGracePeriodSeconds: 30,
      containers: [{ name: 'c', image: IMAGE, lifecycle: { preStop: { exec: { command: ['sleep', '4'] } } } }],
    });
    await lab.podUntil('hooked', (s) => s.phase === 'Running', 'Running');
    await lab.client.delete({ group: '', version: 'v1', resource: 'pods' }, 'default', 'hooked');
    const deletedAt = lab.clock.now();
    await lab.podGone('hooked');
    const took = lab.clock.now() - deletedAt;
    expect(took).toBeGreaterThanOrEqual(4000);
    expect(took).toBeLessThan(10_000);
  });

  it('kills a container that ignores SIGTERM once the grace period is over', async () => {
    await lab.createPod('stubborn', {
      terminationGracePeriodSeconds: 10,
      containers: [{ name: 'c', image: IMAGE, args: ['stubborn'] }],
    });
    await lab.podUntil('stubborn', (s) => s.phase === 'Running', 'Running');
    await lab.client.delete({ group: '', version: 'v1', resource: 'pods' }, 'default', 'stubborn');
    const deletedAt = lab.clock.now();
    await lab.advance(9000, 500);
    expect(await lab.pod('stubborn')).toBeDefined();
    await lab.podGone('stubborn');
    expect(lab.clock.now() - deletedAt).toBeGreaterThanOrEqual(10_000);
  });
});
