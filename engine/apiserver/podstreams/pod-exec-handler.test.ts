import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status-error.ts';
import { podAttachHandler, podExecHandler } from './pod-exec-handler.ts';
import { RecordingKubelet, node, objects, pod, subresourceRequest } from './test-pod-streams.ts';

const UPGRADE = { connection: 'Upgrade', upgrade: 'websocket' };

function setup() {
  const pods = objects('pods', [
    pod('web', ['web'], 'node-1'),
    pod('pending', ['web']),
    pod('stranded', ['web'], 'node-2'),
  ]);
  const nodes = objects('nodes', [
    node('node-1', [{ type: 'InternalIP', address: '10.0.0.1' }]),
    node('node-2', [{ type: 'InternalIP', address: '10.0.0.2' }], 10350),
  ]);
  const kubelet = new RecordingKubelet();
  const kubelets = (name: string) => (name === 'node-1' ? kubelet : undefined);
  return { exec: podExecHandler(pods, nodes, kubelets), attach: podAttachHandler(pods, nodes, kubelets) };
}

async function failure(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StatusError)) throw new Error(`expected a StatusError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('pods/exec and pods/attach', () => {
  it('answer an upgrade request by taking the connection over', async () => {
    const { exec, attach } = setup();
    expect((await exec(subresourceRequest('exec', 'web', 'command=ls&stdout=1', UPGRADE))).kind).toBe('upgrade');
    expect((await attach(subresourceRequest('attach', 'web', 'stdout=1', UPGRADE))).kind).toBe('upgrade');
  });

  it.each([
    ['a pod without a node', 'pending', UPGRADE, { code: 400, message: 'pod pending does not have a host assigned' }],
    ['a request that is not an upgrade', 'web', {}, { code: 400, message: 'Upgrade request required' }],
    [
      'a node whose kubelet does not answer, at its port',
      'stranded',
      UPGRADE,
      { code: 500, message: 'error dialing backend: dial tcp 10.0.0.2:10350: connect: no route to host' },
    ],
    [
      'a container the pod does not have',
      'web',
      UPGRADE,
      { code: 400, message: 'container db is not valid for pod web' },
      'container=db',
    ],
  ])('refuse %s', async (_, name, headers, expected, query = 'command=ls&stdout=1') => {
    const { exec } = setup();
    expect(await failure(exec(subresourceRequest('exec', name, query, headers)))).toEqual(expected);
  });

  it('refuse a session without any stream as the kubelet does, in its words', async () => {
    const headers = { connection: 'Upgrade', upgrade: 'SPDY/3.1', 'x-stream-protocol-version': 'v4.channel.k8s.io' };
    const { exec } = setup();
    const response = await exec(subresourceRequest('exec', 'web', 'command=ls', headers));
    if (response.kind !== 'upgrade') throw new Error(`a ${response.kind} response`);
    const socket = new PassThrough();
    const written = text(socket);
    const request = { headers } as unknown as IncomingMessage;
    await response.accept({ request, socket, head: Buffer.alloc(0), headers: {} });
    const answer = await written;
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.split('\r\n\r\n')[1]).toBe('you must specify at least 1 of stdin, stdout, stderr');
  });
});
