// The streaming sub-resources with the real kubectl: `kubectl logs` (tail, timestamps, since, previous, follow,
// containers), `kubectl exec` (exit codes, stdin) and `kubectl attach`, over WebSocket v5 (kubectl's default) and
// the SPDY/3.1 fallback, against an API server whose pods run on a fake kubelet.

import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/object.ts';
import { FakeKubelet } from '../support/fake-kubelet.ts';
import type { StreamLab } from '../support/stream-lab.ts';
import { startStreamLab } from '../support/stream-lab.ts';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const NODES = { group: '', version: 'v1', resource: 'nodes' };
const NODE = 'node-1';

function node(name: string, internalIP: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: {
      addresses: [
        { type: 'InternalIP', address: internalIP },
        { type: 'Hostname', address: name },
      ],
    },
  };
}

function pod(name: string, containers: string[], nodeName?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: containers.map((c) => ({ name: c, image: 'busybox' })),
    },
  };
}

/** Output of a long-running kubectl, and a way to wait for it. */
function outputOf(child: ReturnType<StreamLab['spawnKubectl']>) {
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), wake()));
  child.stderr.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), wake()));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    until: (done: (out: string) => boolean) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (done(stdout)) {
            waiters.delete(check);
            resolve();
          } else if (child.exitCode !== null) {
            waiters.delete(check);
            reject(new Error(`kubectl exited before the expected output:\n${stdout}\n${stderr}`));
          }
        };
        waiters.add(check);
        check();
      }),
  };
}

describe('pod logs, exec and attach with the real kubectl', () => {
  const kubelet = new FakeKubelet();
  let lab: StreamLab;

  beforeAll(async () => {
    lab = await startStreamLab((nodeName) => (nodeName === NODE ? kubelet : undefined));
    const client = lab.cluster.loopback;
    await client.create(NODES, '', node(NODE, '192.168.49.2'));
    await client.create(NODES, '', node('node-down', '192.168.49.3'));
    await client.create(PODS, 'default', pod('web', ['web'], NODE));
    await client.create(PODS, 'default', pod('duo', ['a', 'b'], NODE));
    await client.create(PODS, 'default', pod('pending', ['web']));
    await client.create(PODS, 'default', pod('lost', ['web'], 'node-down'));
    await client.create(PODS, 'default', pod('orphan', ['web'], 'node-gone'));
    await client.create(PODS, 'default', pod('done', ['c'], NODE));
    await client.create(PODS, 'default', pod('solo', ['main'], NODE));
    kubelet.appendLog('default', 'web', 'web', 'first line', '2026-01-02T03:04:05.000000000Z');
    kubelet.appendLog('default', 'web', 'web', 'second line', '2026-01-02T03:04:06.000000000Z');
    kubelet.setPreviousLog('default', 'web', 'web', [{ time: '2026-01-01T00:00:00.000000000Z', text: 'crashed' }]);
    kubelet.appendLog('default', 'duo', 'a', 'from a', '2026-01-02T03:04:05.000000000Z');
    kubelet.appendLog('default', 'duo', 'b', 'from b', '2026-01-02T03:04:05.000000000Z');
    kubelet.stopContainer('default', 'done', 'c');
  });

  afterAll(async () => {
    await lab.stop();
  });

  describe('kubectl logs', () => {
    it('prints a container’s log', async () => {
      expect(await lab.kubectl(['logs', 'web'])).toEqual({ code: 0, stdout: 'first line\nsecond line\n', stderr: '' });
    });

    it.each([
      ['the last lines', ['--tail=1'], 'second line\n'],
      [
        'timestamps',
        ['--timestamps'],
        '2026-01-02T03:04:05.000000000Z first line\n2026-01-02T03:04:06.000000000Z second line\n',
      ],
      ['the previous instance', ['--previous'], 'crashed\n'],
    ])('prints %s', async (_, flags, expected) => {
      const { code, stdout } = await lab.kubectl(['logs', 'web', ...flags]);
      expect([code, stdout]).toEqual([0, expected]);
    });

    it('hands the kubelet what kubectl asked for', async () => {
      kubelet.logCalls.length = 0;
      await lab.kubectl(['logs', 'web', '--since=1h', '--tail=5', '--limit-bytes=100']);
      await lab.kubectl(['logs', 'web', '--since-time=2026-01-02T03:04:05Z', '--timestamps']);
      expect(kubelet.logCalls.map((c) => c.options)).toEqual([
        { container: 'web', sinceSeconds: 3600, tailLines: 5, limitBytes: 100 },
        { container: 'web', sinceTime: '2026-01-02T03:04:05Z', timestamps: true },
      ]);
    });

    it('reads one container of several, or all of them with prefixes', async () => {
      expect(await lab.kubectl(['logs', 'duo', '-c', 'b'])).toEqual({ code: 0, stdout: 'from b\n', stderr: '' });
      // kubectl reads the containers in a Go map's order: any order.
      const all = await lab.kubectl(['logs', 'duo', '--all-containers', '--prefix']);
      expect({ ...all, stdout: all.stdout.split('\n').sort() }).toEqual({
        code: 0,
        stdout: ['', '[pod/duo/a] from a', '[pod/duo/b] from b'],
        stderr: '',
      });
    });

    it('follows the log as lines come, until the container stops', async () => {
      const follow = outputOf(lab.spawnKubectl(['logs', '-f', 'duo', '-c', 'a']));
      await follow.until((out) => out === 'from a\n');
      kubelet.appendLog('default', 'duo', 'a', 'later', '2026-01-02T03:05:00.000000000Z');
      await follow.until((out) => out === 'from a\nlater\n');
      kubelet.endLog('default', 'duo', 'a');
      expect(await follow.exited).toBe(0);
    });

    const raw = (query: string) => ['get', '--raw', `/api/v1/namespaces/default/pods/web/log?${query}`];
    it.each([
      [
        'a container the pod does not have',
        raw('container=nope'),
        'Error from server (BadRequest): container nope is not valid for pod web\n',
      ],
      [
        'a negative tail',
        raw('tailLines=-2'),
        'The PodLogOptions "web" is invalid: tailLines: Invalid value: -2: must be greater than or equal to 0\n',
      ],
      [
        'a previous instance there is not',
        ['logs', 'duo', '-c', 'a', '--previous'],
        'Error from server (BadRequest): previous terminated container "a" in pod "duo" not found\n',
      ],
      [
        'a node whose kubelet does not answer',
        ['logs', 'lost'],
        'Error from server: Get "https://192.168.49.3:10250/containerLogs/default/lost/web": ' +
          'dial tcp 192.168.49.3:10250: connect: no route to host\n',
      ],
      ['a node that does not exist', ['logs', 'orphan'], 'Error from server (NotFound): nodes "node-gone" not found\n'],
    ])('reports %s as the API server does', async (_, args, message) => {
      expect(await lab.kubectl(args)).toEqual({ code: 1, stdout: '', stderr: message });
    });

    it('prints nothing for a pod not scheduled yet', async () => {
      expect(await lab.kubectl(['logs', 'pending'])).toEqual({ code: 0, stdout: '', stderr: '' });
    });
  });

  describe('logs through the in-process client', () => {
    const logPath = (name: string) => `/api/v1/namespaces/default/pods/${name}/log`;

    it('reads a log as a stream', async () => {
      expect(await text(await lab.cluster.loopback.stream(logPath('web'), { tailLines: 1 }))).toBe('second line\n');
    });

    it('gets an ended stream for a pod not scheduled yet', async () => {
      expect(await text(await lab.cluster.loopback.stream(logPath('pending')))).toBe('');
    });

    it('follows a log until the container stops', async () => {
      kubelet.appendLog('default', 'solo', 'main', 'started', '2026-01-02T03:06:00.000000000Z');
      const stream = await lab.cluster.loopback.stream(logPath('solo'), { follow: true });
      const read = text(stream);
      kubelet.appendLog('default', 'solo', 'main', 'working', '2026-01-02T03:06:01.000000000Z');
      kubelet.endLog('default', 'solo', 'main');
      expect(await read).toBe('started\nworking\n');
    });

    it('rejects with the API server’s error', async () => {
      await expect(lab.cluster.loopback.stream(logPath('nothing'))).rejects.toThrow('pods "nothing" not found');
    });
  });

  describe('exec with @kubernetes/client-node', () => {
    /** Runs a command through client-node's Exec; resolves with its output and the status it reported. */
    async function clientExec(command: string[], input?: string): Promise<{ stdout: string; status: k8s.V1Status }> {
      const kc = new k8s.KubeConfig();
      kc.loadFromFile(lab.kubeconfig);
      const stdout = new PassThrough();
      const output = text(stdout);
      const stdin = input === undefined ? null : new PassThrough();
      const status = new Promise<k8s.V1Status>((resolve) => {
        void new k8s.Exec(kc).exec('default', 'web', 'web', command, stdout, null, stdin, false, resolve);
      });
      stdin?.end(input);
      return { status: await status, stdout: await output };
    }

    it('runs a command over v5 and reports success', async () => {
      expect(await clientExec(['echo', 'from', 'client-node'])).toEqual({
        stdout: 'from client-node\n',
        status: { metadata: {}, status: 'Success' },
      });
    });

    it('ends the process’s input with v5’s close signal', async () => {
      expect((await clientExec(['cat'], 'piped\n')).stdout).toBe('piped\n');
    });

    it('reports the exit code as kube-apiserver does', async () => {
      expect((await clientExec(['sh', '-c', 'exit 4'])).status).toMatchObject({
        status: 'Failure',
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: '4' }] },
      });
    });
  });

  describe.each([
    ['WebSocket (v5.channel.k8s.io)', {}],
    ['SPDY/3.1', { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' }],
  ])('kubectl exec and attach over %s', (protocol, env) => {
    const websocket = protocol.startsWith('WebSocket');

    it('upgrades the way kubectl asks', async () => {
      const { code, stderr } = await lab.kubectl(['exec', 'web', '-v=6', '--', 'true'], { env });
      expect(code).toBe(0);
      expect(stderr).toMatch(
        websocket ? /GET https:\S+\/exec\?command=true.* 101 / : /POST https:\S+\/exec\?command=true.* 101 /,
      );
    });

    it('runs a command and prints its output', async () => {
      expect(await lab.kubectl(['exec', 'web', '--', 'echo', 'hello', 'world'], { env })).toEqual({
        code: 0,
        stdout: 'hello world\n',
        stderr: '',
      });
    });

    it('carries a large output whole', async () => {
      const { code, stdout } = await lab.kubectl(['exec', 'web', '--', 'seq', '300000'], { env });
      expect(code).toBe(0);
      expect(stdout.length).toBe(1_988_895);
      expect(stdout.endsWith('299999\n300000\n')).toBe(true);
    });

    it('keeps stderr apart', async () => {
      const { code, stdout, stderr } = await lab.kubectl(['exec', 'web', '--', 'stderr', 'oops'], { env });
      expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '', stderr: 'oops\n' });
    });

    it('exits with the command’s exit code', async () => {
      const { code, stderr } = await lab.kubectl(['exec', 'web', '--', 'sh', '-c', 'exit 3'], { env });
      expect(code).toBe(3);
      expect(stderr).toBe('command terminated with exit code 3\n');
    });

    it('reports a session the runtime failed', async () => {
      const { code, stderr } = await lab.kubectl(['exec', 'web', '--', 'broken'], { env });
      expect(code).toBe(1);
      expect(stderr).toBe(
        websocket
          ? 'error: Internal error occurred: Internal error occurred: error executing command in container: OCI runtime exec failed\n'
          : 'error: Internal error occurred: error executing command in container: OCI runtime exec failed\n',
      );
    });

    it('feeds stdin with -i', async () => {
      const result = await lab.kubectl(['exec', '-i', 'web', '--', 'cat'], { env, stdin: 'one\ntwo\n' });
      expect(result).toEqual({ code: 0, stdout: 'one\ntwo\n', stderr: '' });
    });

    it('feeds a large input whole', async () => {
      const input = 'x'.repeat(1023).concat('\n').repeat(2048);
      const { code, stdout } = await lab.kubectl(['exec', '-i', 'web', '--', 'cat'], { env, stdin: input });
      expect(code).toBe(0);
      expect(stdout === input).toBe(true);
    });

    it('runs in the container asked for', async () => {
      kubelet.calls.length = 0;
      await lab.kubectl(['exec', 'duo', '-c', 'b', '--', 'true'], { env });
      expect(kubelet.calls).toEqual([
        {
          operation: 'exec',
          namespace: 'default',
          pod: 'duo',
          options: { container: 'b', command: ['true'], stdin: false, stdout: true, stderr: true, tty: false },
        },
      ]);
    });

    it('runs a shell on a terminal with -it, passing on its size and every resize', async () => {
      kubelet.resizes.length = 0;
      const terminal = outputOf(
        lab.spawnKubectlInTerminal(
          ['exec', '-it', 'web', '--', 'sh'],
          { cols: 100, rows: 30 },
          { cols: 120, rows: 40 },
          { env },
        ),
      );
      await terminal.until((out) => out === '$ ');
      await kubelet.resizedTo({ width: 100, height: 30 });
      terminal.child.stdin.write('size\r');
      await terminal.until((out) => out === '$ 100x30\r\n$ ');
      terminal.child.kill('SIGUSR1');
      await kubelet.resizedTo({ width: 120, height: 40 });
      terminal.child.stdin.write('size\r');
      await terminal.until((out) => out.endsWith('120x40\r\n$ '));
      terminal.child.stdin.write('exit 5\r');
      expect(await terminal.exited).toBe(5);
      expect(terminal.stdout()).toMatch(/\$ command terminated with exit code 5\r?\n$/);
      expect(kubelet.calls.at(-1)?.options).toMatchObject({ stdin: true, stdout: true, stderr: false, tty: true });
    });

    it('attaches to the container’s process', async () => {
      const result = await lab.kubectl(['attach', '-i', 'web'], { env, stdin: 'shout\n' });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('attached to web\nSHOUT\n');
    });

    it('reports a pod without a node as the API server does', async () => {
      const { code, stderr } = await lab.kubectl(['exec', 'pending', '--', 'true'], { env });
      expect(code).toBe(1);
      expect(stderr).toBe('Error from server (BadRequest): pod pending does not have a host assigned\n');
    });

    it('reports a node whose kubelet does not answer', async () => {
      expect(await lab.kubectl(['exec', 'lost', '--', 'true'], { env })).toEqual({
        code: 1,
        stdout: '',
        stderr: 'Error from server: error dialing backend: dial tcp 192.168.49.3:10250: connect: no route to host\n',
      });
    });

    it('reports a container the kubelet does not run', async () => {
      const { code, stderr } = await lab.kubectl(['exec', 'done', '--', 'true'], { env });
      expect(code).toBe(1);
      expect(stderr).toBe(
        websocket
          ? 'error: Internal error occurred: unable to upgrade connection: container not found ("c")\n'
          : 'error: unable to upgrade connection: container not found ("c")\n',
      );
    });
  });
});
