import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status-error.ts';
import { podPortForwardHandler } from './pod-portforward-handler.ts';
import { RecordingKubelet, node, objects, pod, subresourceRequest } from './test-pod-streams.ts';

const UPGRADE = { connection: 'Upgrade', upgrade: 'SPDY/3.1' };

function handler() {
  const pods = objects('pods', [
    pod('web', ['web'], 'node-1'),
    pod('pending', ['web']),
    pod('stranded', ['web'], 'node-2'),
  ]);
  const nodes = objects('nodes', [
    node('node-1', [{ type: 'InternalIP', address: '10.0.0.1' }]),
    node('node-2', [{ type: 'InternalIP', address: '10.0.0.2' }]),
  ]);
  const kubelet = new RecordingKubelet();
  return podPortForwardHandler(pods, nodes, (name) => (name === 'node-1' ? kubelet : undefined));
}

async function failure(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StatusError)) throw new Error(`expected a StatusError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('pods/portforward', () => {
  it('answers an upgrade request by taking the connection over', async () => {
    expect((await handler()(subresourceRequest('portforward', 'web', 'ports=80', UPGRADE))).kind).toBe('upgrade');
  });

  it.each([
    [
      'a pod without a node',
      'pending',
      UPGRADE,
      '',
      { code: 400, message: 'pod pending does not have a host assigned' },
    ],
    ['a request that is not an upgrade', 'web', {}, '', { code: 400, message: 'Upgrade request required' }],
    [
      'a node whose kubelet does not answer',
      'stranded',
      UPGRADE,
      '',
      { code: 500, message: 'error dialing backend: dial tcp 10.0.0.2:10250: connect: no route to host' },
    ],
    [
      'ports that are not numbers',
      'web',
      UPGRADE,
      'ports=http',
      { code: 400, message: 'strconv.ParseInt: parsing "http": invalid syntax' },
    ],
  ])('refuses %s', async (_, name, headers, query, expected) => {
    expect(await failure(handler()(subresourceRequest('portforward', name, query, headers)))).toEqual(expected);
  });
});
