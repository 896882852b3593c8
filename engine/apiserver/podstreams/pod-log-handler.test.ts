import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status-error.ts';
import { podLogHandler } from './pod-log-handler.ts';
import { RecordingKubelet, node, objects, pod, subresourceRequest } from './test-pod-streams.ts';

function setup() {
  const kubelet = new RecordingKubelet();
  const pods = objects('pods', [
    pod('web', ['web'], 'node-1'),
    pod('pending', ['web']),
    pod('stranded', ['web'], 'node-2'),
    pod('orphan', ['web'], 'node-9'),
  ]);
  const nodes = objects('nodes', [
    node('node-1', [{ type: 'InternalIP', address: '10.0.0.1' }]),
    node('node-2', [{ type: 'InternalIP', address: '10.0.0.2' }]),
  ]);
  const handler = podLogHandler(pods, nodes, (name) => (name === 'node-1' ? kubelet : undefined));
  return { kubelet, handler };
}

async function failure(promise: Promise<unknown>): Promise<{ code: number; reason: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StatusError)) throw new Error(`expected a StatusError, got ${String(error)}`);
  return { code: error.code, reason: error.reason, message: error.message };
}

describe('GET pods/log', () => {
  it('streams the kubelet’s log as text/plain', async () => {
    const { handler } = setup();
    const response = await handler(subresourceRequest('log', 'web', ''));
    if (response.kind !== 'stream') throw new Error(`a ${response.kind} response`);
    expect([response.status, response.contentType]).toEqual([200, 'text/plain']);
    expect(await text(response.stream)).toBe('a line\n');
  });

  it('asks the kubelet for the options given, and only those', async () => {
    const { handler, kubelet } = setup();
    await handler(
      subresourceRequest('log', 'web', 'follow=true&tailLines=3&sinceSeconds=60&timestamps=1&limitBytes=9'),
    );
    await handler(subresourceRequest('log', 'web', 'previous=true&sinceTime=2026-01-02T03:04:05.678Z&container=web'));
    expect(kubelet.calls.map((c) => c.options)).toEqual([
      { container: 'web', follow: true, tailLines: 3, sinceSeconds: 60, timestamps: true, limitBytes: 9 },
      { container: 'web', previous: true, sinceTime: '2026-01-02T03:04:05Z' },
    ]);
  });

  it('answers 204 for a pod not on a node yet', async () => {
    const { handler, kubelet } = setup();
    expect(await handler(subresourceRequest('log', 'pending', ''))).toEqual({
      kind: 'raw',
      status: 204,
      contentType: 'text/plain',
      body: '',
    });
    expect(kubelet.calls).toEqual([]);
  });

  it.each([
    [
      'invalid options, before reading the pod',
      'nothing',
      'tailLines=-1',
      {
        code: 422,
        reason: 'Invalid',
        message: 'PodLogOptions "nothing" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0',
      },
    ],
    [
      'a pod that does not exist',
      'nothing',
      '',
      { code: 404, reason: 'NotFound', message: 'pods "nothing" not found' },
    ],
    [
      'a container the pod does not have',
      'web',
      'container=db',
      { code: 400, reason: 'BadRequest', message: 'container db is not valid for pod web' },
    ],
    [
      'a node that does not exist',
      'orphan',
      '',
      { code: 404, reason: 'NotFound', message: 'nodes "node-9" not found' },
    ],
    [
      'a node whose kubelet does not answer, with the URL asked for',
      'stranded',
      'tailLines=2&follow=true',
      {
        code: 500,
        reason: '',
        message:
          'Get "https://10.0.0.2:10250/containerLogs/default/stranded/web?follow=true&tailLines=2": ' +
          'dial tcp 10.0.0.2:10250: connect: no route to host',
      },
    ],
  ])('refuses %s', async (_, name, query, expected) => {
    const { handler } = setup();
    expect(await failure(handler(subresourceRequest('log', name, query)))).toEqual(expected);
  });
});
