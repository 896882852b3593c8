import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ExecOptions, StreamSession } from '../../node/kubelet-api.ts';
import { StatusError } from '../errors/status-error.ts';
import { TestClient } from '../httpstream/spdy/test-spdy-client.ts';
import type { SpdyFrame } from '../httpstream/spdy/spdy-frames.ts';
import { acceptRemoteCommand } from './remote-command-upgrade.ts';
import type { RemoteCommandTarget } from './remote-command-upgrade.ts';

const OPTIONS: ExecOptions = { container: 'c', command: ['sh'], stdin: false, stdout: true, stderr: false, tty: false };
const REFUSAL = new StatusError(500, 'InternalError', 'container not found ("c")');

/** A process that prints `output` and exits with `code`. */
function finishedSession(output: string, code: number): StreamSession {
  const stdout = new PassThrough();
  stdout.end(output);
  return { stdout, resize: () => undefined, exited: Promise.resolve(code), close: () => undefined };
}

function target(start: () => Promise<StreamSession>): RemoteCommandTarget {
  return { operation: 'exec', options: OPTIONS, start };
}

let server: http.Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server whose upgrades are answered by acceptRemoteCommand for `t`; resolves with its port. */
async function serve(t: RemoteCommandTarget): Promise<number> {
  server = http.createServer();
  server.on('upgrade', (request, socket: Duplex, head: Buffer) => {
    void acceptRemoteCommand({ request, socket, head, headers: {} }, t);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** The messages a WebSocket client offering `protocol` receives, up to the close code. */
async function webSocketExchange(port: number, protocol: string): Promise<{ messages: string[]; code: number }> {
  const client = new WebSocket(`ws://127.0.0.1:${port}/exec`, [protocol]);
  const messages: string[] = [];
  client.on('message', (data: Buffer) => messages.push(data.toString('latin1')));
  const code = await new Promise<number>((resolve) => client.once('close', resolve));
  return { messages, code };
}

/** The plain HTTP answer to a WebSocket handshake that was refused. */
async function refusedHandshake(port: number, protocol: string): Promise<{ status?: number; body: string }> {
  const client = new WebSocket(`ws://127.0.0.1:${port}/exec`, [protocol]);
  client.on('error', () => undefined);
  return new Promise((resolve) => {
    client.once('unexpected-response', (_, res: http.IncomingMessage) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
  });
}

/** Sends a SPDY upgrade request; resolves with the response, and the socket when it switched protocols. */
function spdyUpgrade(port: number): Promise<{ status?: number; body: string; socket?: Duplex }> {
  return new Promise((resolve) => {
    const req = http.request({
      port,
      host: '127.0.0.1',
      method: 'POST',
      path: '/exec',
      headers: { connection: 'Upgrade', upgrade: 'SPDY/3.1', 'x-stream-protocol-version': 'v4.channel.k8s.io' },
    });
    req.on('upgrade', (_res, socket) => resolve({ status: 101, body: '', socket }));
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.end();
  });
}

const dataOn = (frames: SpdyFrame[], streamId: number) =>
  Buffer.concat(frames.flatMap((f) => (f.type === 'data' && f.streamId === streamId ? [f.data] : []))).toString();

describe('exec and attach upgrades', () => {
  it('runs a session over WebSocket v5, its exit code worded as kube-apiserver’s translator does', async () => {
    const port = await serve(target(async () => finishedSession('hi\n', 3)));
    expect(await webSocketExchange(port, 'v5.channel.k8s.io')).toEqual({
      messages: [
        '\x01',
        '\x01hi\n',
        '\x03{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: command ' +
          'terminated with exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}',
      ],
      code: 1000,
    });
  });

  it('reports a kubelet’s refusal on v5’s error channel, after switching protocols', async () => {
    const port = await serve(target(() => Promise.reject(REFUSAL)));
    const { messages, code } = await webSocketExchange(port, 'v5.channel.k8s.io');
    expect(code).toBe(1000);
    expect(messages).toEqual([
      '\x01',
      '\x03{"metadata":{},"status":"Failure","message":"Internal error occurred: unable to upgrade connection: ' +
        'container not found (\\"c\\")","reason":"InternalError","details":{"causes":[{"message":"unable to upgrade ' +
        'connection: container not found (\\"c\\")"}]},"code":500}',
    ]);
  });

  it('answers a kubelet’s refusal over WebSocket v4 with its text, as the kubelet does', async () => {
    const port = await serve(target(() => Promise.reject(REFUSAL)));
    expect(await refusedHandshake(port, 'v4.channel.k8s.io')).toEqual({
      status: 500,
      body: 'container not found ("c")',
    });
  });

  it('refuses a WebSocket offering no protocol it knows with 403', async () => {
    const port = await serve(target(async () => finishedSession('', 0)));
    expect(await refusedHandshake(port, 'v9.channel.k8s.io')).toEqual({ status: 403, body: '' });
  });

  it('answers a kubelet’s refusal over SPDY with its text', async () => {
    const port = await serve(target(() => Promise.reject(REFUSAL)));
    expect(await spdyUpgrade(port)).toEqual({ status: 500, body: 'container not found ("c")' });
  });

  it('runs a session over SPDY: the client’s streams, the output, the status, then GOAWAY', async () => {
    const port = await serve(target(async () => finishedSession('hi\n', 0)));
    const { socket } = await spdyUpgrade(port);
    const client = new TestClient(socket!);
    await client.open(1, { streamtype: ['error'] });
    await client.open(3, { streamtype: ['stdout'] });
    const frames = await client.until((fs) => fs.some((f) => f.type === 'goaway'));
    expect(dataOn(frames, 3)).toBe('hi\n');
    expect(dataOn(frames, 1)).toBe('{"metadata":{},"status":"Success"}');
    socket!.destroy();
  });
});
