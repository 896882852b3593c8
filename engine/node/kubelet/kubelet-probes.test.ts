// Liveness, readiness and startup probes of the kubelet against an in-process cluster: HTTP, TCP and exec probes
// against the test image's program, Unhealthy events with upstream's messages, restarts for failed liveness and
// startup probes, readiness in the pod's conditions.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContainerStatus, PodStatus } from './pod-types.ts';
import { EVENTS, KubeletTestCluster } from './testing/kubelet-test-cluster.ts';

let lab: KubeletTestCluster;

beforeEach(async () => {
  lab = await KubeletTestCluster.start();
  await lab.kubelet('node-1').start();
});

afterEach(async () => {
  await lab.close();
});

const IMAGE = 'kubelab/test:1.0';

function web(status: PodStatus): ContainerStatus | undefined {
  return status.containerStatuses?.find((c) => c.name === 'web');
}

function ready(status: PodStatus): string | undefined {
  return status.conditions?.find((c) => c.type === 'Ready')?.status;
}

describe('liveness probes', () => {
  it('restarts a container whose HTTP liveness probe fails three times in a row', async () => {
    await lab.createPod('live', {
      containers: [
        {
          name: 'web',
          image: IMAGE,
          args: ['serve', '80'],
          livenessProbe: { httpGet: { path: '/healthz', port: 81 }, periodSeconds: 5, failureThreshold: 3 },
        },
      ],
    });
    const pod = await lab.podUntil('live', (s) => (web(s)?.restartCount ?? 0) >= 1, 'restarted');
    const status = pod['status'] as PodStatus;
    expect(web(status)?.lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const events = await lab.eventsFor('live');
    const ip = status.podIP ?? '';
    expect(events).toContainEqual({
      reason: 'Unhealthy',
      message: `Liveness probe failed: Get "http://${ip}:81/healthz": dial tcp ${ip}:81: connect: connection refused`,
    });
    const unhealthy = (await lab.client.list(EVENTS, 'default')).items.find((e) => e['reason'] === 'Unhealthy');
    expect(unhealthy?.['count']).toBeGreaterThanOrEqual(3);
    expect(events).toContainEqual({
      reason: 'Killing',
      message: 'Container web failed liveness probe, will be restarted',
    });
  });

  it('keeps a container whose exec liveness probe succeeds', async () => {
    await lab.createPod('fine', {
      containers: [
        {
          name: 'web',
          image: IMAGE,
          livenessProbe: { exec: { command: ['echo', 'ok'] }, periodSeconds: 1 },
        },
      ],
    });
    await lab.podUntil('fine', (s) => s.phase === 'Running', 'Running');
    await lab.advance(30_000, 500);
    const status = (await lab.pod('fine'))?.['status'] as PodStatus;
    expect(web(status)?.restartCount).toBe(0);
    expect((await lab.eventsFor('fine')).map((e) => e.reason)).not.toContain('Unhealthy');
  });
});

describe('readiness probes', () => {
  it('makes the pod Ready only once its TCP readiness probe succeeds', async () => {
    await lab.createPod('tcp', {
      containers: [
        {
          name: 'web',
          image: IMAGE,
          args: ['serve', '80'],
          readinessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 5, periodSeconds: 2 },
        },
      ],
    });
    const running = await lab.podUntil('tcp', (s) => s.phase === 'Running', 'Running');
    expect(ready(running['status'] as PodStatus)).toBe('False');
    expect(web(running['status'] as PodStatus)).toMatchObject({ ready: false, started: true });
    const readyPod = await lab.podUntil('tcp', (s) => ready(s) === 'True', 'Ready');
    expect(web(readyPod['status'] as PodStatus)?.ready).toBe(true);
  });

  it('keeps a pod whose exec readiness probe fails unready, with Unhealthy events, without restarting it', async () => {
    await lab.createPod('unready', {
      containers: [
        {
          name: 'web',
          image: IMAGE,
          readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 2 },
        },
      ],
    });
    await lab.podUntil('unready', (s) => s.phase === 'Running', 'Running');
    await lab.advance(20_000, 500);
    const status = (await lab.pod('unready'))?.['status'] as PodStatus;
    expect(ready(status)).toBe('False');
    expect(web(status)?.restartCount).toBe(0);
    expect(await lab.eventsFor('unready')).toContainEqual({
      reason: 'Unhealthy',
      message: "Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory\n",
    });
  });
});

describe('startup probes', () => {
  it('holds liveness and readiness until the startup probe succeeds', async () => {
    await lab.createPod('slow', {
      containers: [
        {
          name: 'web',
          image: IMAGE,
          args: ['serve', '80'],
          startupProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 10, periodSeconds: 1 },
        },
      ],
    });
    const starting = await lab.podUntil('slow', (s) => s.phase === 'Running', 'Running');
    expect(web(starting['status'] as PodStatus)).toMatchObject({ started: false, ready: false });
    const started = await lab.podUntil('slow', (s) => web(s)?.started === true, 'started');
    expect(ready(started['status'] as PodStatus)).toBe('True');
  });

  it('restarts a container whose startup probe keeps failing', async () => {
    await lab.createPod('never', {
      containers: [
        {
          name: 'web',
          image: IMAGE,
          startupProbe: { tcpSocket: { port: 81 }, periodSeconds: 1, failureThreshold: 2 },
        },
      ],
    });
    await lab.podUntil('never', (s) => (web(s)?.restartCount ?? 0) >= 1, 'restarted');
    expect(await lab.eventsFor('never')).toContainEqual({
      reason: 'Killing',
      message: 'Container web failed startup probe, will be restarted',
    });
  });
});
