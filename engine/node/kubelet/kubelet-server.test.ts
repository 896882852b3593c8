// The kubelet's API (logs, exec, attach) as the API server calls it, against pods run by a kubelet in an in-process
// cluster; and which container instance a log request reads, with kubelet's error texts.

import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kubelet } from './kubelet.ts';
import { netnsPathOf } from '../runtime/netns-path.ts';
import { logContainerID } from './kubelet-server.ts';
import type { ContainerStatus, PodStatus } from './pod-types.ts';
import { KubeletTestCluster } from './testing/kubelet-test-cluster.ts';

const IMAGE = 'kubelab/test:1.0';

async function text(stream: Readable | undefined): Promise<string> {
  let out = '';
  for await (const chunk of stream ?? []) out += String(chunk);
  return out;
}

describe('the kubelet API', () => {
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

  it('serves the log of the running container, with tail and timestamps', async () => {
    await lab.createPod('web', { containers: [{ name: 'web', image: IMAGE, args: ['serve', '80'] }] });
    await lab.podUntil('web', (s) => s.phase === 'Running', 'Running');
    expect(await text(await kubelet.api.logs('default', 'web', { container: 'web' }))).toBe('serving on 80\n');
    const stamped = await text(await kubelet.api.logs('default', 'web', { container: 'web', timestamps: true }));
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z serving on 80\n$/);
    expect(await text(await kubelet.api.logs('default', 'web', { container: 'web', tailLines: 0 }))).toBe('');
  });

  it('serves the previous instance of a restarted container, and refuses it when there is none', async () => {
    await lab.createPod('crash', { containers: [{ name: 'c', image: IMAGE, args: ['crash'] }] });
    await lab.podUntil('crash', (s) => (s.containerStatuses?.[0]?.restartCount ?? 0) >= 1, 'restarted');
    expect(await text(await kubelet.api.logs('default', 'crash', { container: 'c', previous: true }))).toBe(
      'crashing\n',
    );
    await lab.createPod('web', { containers: [{ name: 'web', image: IMAGE }] });
    await lab.podUntil('web', (s) => s.phase === 'Running', 'Running');
    await expect(kubelet.api.logs('default', 'web', { container: 'web', previous: true })).rejects.toMatchObject({
      status: { code: 400, message: 'previous terminated container "web" in pod "web" not found' },
    });
  });

  it('follows a log until the container ends', async () => {
    await lab.createPod('sleepy', {
      restartPolicy: 'Never',
      containers: [{ name: 'c', image: IMAGE, args: ['sleep', '5'] }],
    });
    await lab.podUntil('sleepy', (s) => s.phase === 'Running', 'Running');
    const followed = text(await kubelet.api.logs('default', 'sleepy', { container: 'c', follow: true }));
    await lab.podUntil('sleepy', (s) => s.phase === 'Succeeded', 'Succeeded');
    expect(await followed).toBe('');
  });

  it('runs a command in a running container', async () => {
    await lab.createPod('web', { containers: [{ name: 'web', image: IMAGE }] });
    await lab.podUntil('web', (s) => s.phase === 'Running', 'Running');
    const session = await kubelet.api.exec('default', 'web', {
      container: 'web',
      command: ['echo', 'hello', 'there'],
      stdin: false,
      stdout: true,
      stderr: true,
      tty: false,
    });
    expect(await text(session.stdout)).toBe('hello there\n');
    expect(await session.exited).toBe(0);
  });

  it("accepts an exec of a command the image does not have, then ends it with kubelet's error", async () => {
    await lab.createPod('web', { containers: [{ name: 'web', image: IMAGE }] });
    await lab.podUntil('web', (s) => s.phase === 'Running', 'Running');
    const session = await kubelet.api.exec('default', 'web', {
      container: 'web',
      command: ['bash'],
      stdin: false,
      stdout: true,
      stderr: true,
      tty: false,
    });
    await expect(session.exited).rejects.toMatchObject({
      status: {
        code: 500,
        message: expect.stringContaining('exec: "bash": executable file not found in $PATH: unknown'),
      },
    });
  });

  it('attaches to the main process and hears its output until it exits', async () => {
    await lab.createPod('sleepy', {
      restartPolicy: 'Never',
      containers: [{ name: 'c', image: IMAGE, args: ['sleep', '3'] }],
    });
    await lab.podUntil('sleepy', (s) => s.phase === 'Running', 'Running');
    const session = await kubelet.api.attach('default', 'sleepy', {
      container: 'c',
      stdin: false,
      stdout: true,
      stderr: true,
      tty: false,
    });
    const output = text(session.stdout);
    await lab.podUntil('sleepy', (s) => s.phase === 'Succeeded', 'Succeeded');
    expect(await session.exited).toBe(0);
    expect(await output).toBe('');
  });

  it('cannot be reached while the node is down', async () => {
    await lab.createPod('web', { containers: [{ name: 'web', image: IMAGE }] });
    await lab.podUntil('web', (s) => s.phase === 'Running', 'Running');
    await kubelet.stop();
    await expect(kubelet.api.logs('default', 'web', { container: 'web' })).rejects.toMatchObject({
      status: {
        code: 500,
        message:
          'Get "https://172.18.0.2:10250/containerLogs/default/web": dial tcp 172.18.0.2:10250: connect: no route to host',
      },
    });
  });
});

describe('port forwarding into a pod', () => {
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

  it('connects to the program listening on the port, which answers HTTP and logs a loopback client', async () => {
    await lab.createPod('web', { containers: [{ name: 'web', image: IMAGE, args: ['serve', '8080'] }] });
    await lab.podUntil('web', (s) => s.phase === 'Running', 'Running');
    const forwarder = await kubelet.api.portForward('default', 'web');
    expect(forwarder.sandboxId).toMatch(/^[0-9a-f]{64}$/);
    expect(forwarder.netnsPath).toBe(netnsPathOf({ id: forwarder.sandboxId, hostNetwork: false }));
    const connection = await forwarder.dial(8080);
    connection.end('GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(await text(connection)).toBe('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    expect(await text(await kubelet.api.logs('default', 'web', { container: 'web' }))).toBe(
      'serving on 8080\nGET /hello\n',
    );
    await expect(forwarder.dial(80)).rejects.toThrow('connect: connection refused');
  });

  it('refuses a pod it does not run', async () => {
    await expect(kubelet.api.portForward('default', 'nothing')).rejects.toMatchObject({
      status: { code: 404, message: 'pod does not exist' },
    });
  });

  it.each([
    [
      { id: '71237e5bc842f485c24c9d4a6b0f2034' + 'a'.repeat(32), hostNetwork: false },
      '/var/run/netns/cni-71237e5b-c842-f485-c24c-9d4a6b0f2034',
    ],
    [{ id: 'ab', hostNetwork: true }, 'host'],
  ])('names the network namespace of sandbox %j', (sandbox, path) => {
    expect(netnsPathOf(sandbox)).toBe(path);
  });
});

describe('logContainerID', () => {
  const base = { name: 'c', ready: false, restartCount: 0, image: 'x', imageID: '', started: false, lastState: {} };
  const terminated = (containerID: string) => ({
    terminated: { exitCode: 1, startedAt: 't', finishedAt: 't', containerID },
  });
  const cases: { name: string; status: ContainerStatus | undefined; previous?: boolean; expected: string }[] = [
    {
      name: 'a running container reads its own log',
      status: { ...base, containerID: 'containerd://a', state: { running: { startedAt: 't' } } },
      expected: 'containerd://a',
    },
    {
      name: 'a crash-looping container reads the log of the instance that ended',
      status: { ...base, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: terminated('containerd://b') },
      expected: 'containerd://b',
    },
    {
      name: 'previous reads the last terminated instance',
      status: {
        ...base,
        containerID: 'containerd://c',
        state: { running: { startedAt: 't' } },
        lastState: terminated('containerd://b'),
      },
      previous: true,
      expected: 'containerd://b',
    },
    {
      name: 'a container being created has no logs yet',
      status: { ...base, state: { waiting: { reason: 'ContainerCreating' } } },
      expected: 'container "c" in pod "p" is waiting to start: ContainerCreating',
    },
    {
      name: 'a container whose image cannot be pulled says so',
      status: { ...base, state: { waiting: { reason: 'ImagePullBackOff' } } },
      expected: 'container "c" in pod "p" is waiting to start: trying and failing to pull image',
    },
    {
      name: 'an unknown container is not available',
      status: undefined,
      expected: 'container "c" in pod "p" is not available',
    },
  ];

  it.each(cases)('$name', ({ status, previous, expected }) => {
    let answer: string;
    try {
      answer = logContainerID('p', 'c', status, previous ?? false);
    } catch (error) {
      answer = (error as { status: PodStatus & { message: string } }).status.message;
    }
    expect(answer).toBe(expected);
  });
});
