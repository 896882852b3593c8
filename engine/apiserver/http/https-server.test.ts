import https from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreatePki } from '../../pki/pki.ts';
import type { ApiRequest, ApiResponse, UpgradedConnection } from '../endpoints/api-request.ts';
import { startHttpsServer } from './https-server.ts';
import type { RunningServer } from './https-server.ts';

/** Answers by path: a followed log, an upgrade taken over, an upgrade refused, a JSON object. */
const routes: Record<string, (req: ApiRequest) => ApiResponse> = {
  '/log': () => {
    const stream = new PassThrough();
    stream.write('one\n');
    logs.push(stream);
    return { kind: 'stream', status: 200, contentType: 'text/plain', stream };
  },
  '/exec': () => ({
    kind: 'upgrade',
    headers: { Warning: '299 - "careful"' },
    accept: async ({ socket, request, headers }: UpgradedConnection) => {
      socket.end(
        `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\nWarning: ${String(headers['Warning'])}\r\n\r\n` +
          `upgraded ${request.url}`,
      );
    },
  }),
  '/refused': () => ({ kind: 'object', status: 403, body: { kind: 'Status', message: 'no' } }),
  '/object': () => ({ kind: 'object', status: 200, body: { kind: 'Thing' } }),
};
const logs: PassThrough[] = [];

let server: RunningServer;
let ca: string;

beforeAll(async () => {
  const pki = await loadOrCreatePki();
  ca = pki.ca.certPem;
  server = await startHttpsServer(
    { handle: async (req) => routes[req.path]!(req) },
    { keyPem: pki.serving.keyPem, certPem: pki.serving.certPem, caPem: ca },
  );
});

afterAll(async () => {
  await server.close();
});

function request(path: string, headers: Record<string, string> = {}): ClientRequest {
  return https.request({ host: '127.0.0.1', port: server.port, path, ca, headers });
}

function bodyOf(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    res.on('data', (chunk: Buffer) => (body += chunk.toString()));
    res.on('end', () => resolve(body));
  });
}

const UPGRADE = { connection: 'Upgrade', upgrade: 'echo' };

describe('the HTTPS server', () => {
  it('sends a byte stream chunk by chunk as it comes, until it ends', async () => {
    const res = await new Promise<IncomingMessage>((resolve) => request('/log').on('response', resolve).end());
    expect([res.statusCode, res.headers['content-type'], res.headers['transfer-encoding']]).toEqual([
      200,
      'text/plain',
      'chunked',
    ]);
    const first = await new Promise<string>((resolve) =>
      res.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    expect(first).toBe('one\n');
    const rest = bodyOf(res);
    logs.at(-1)!.end('two\n');
    expect(await rest).toBe('two\n');
  });

  it('ends the stream when the client goes away', async () => {
    const req = request('/log');
    const res = await new Promise<IncomingMessage>((resolve) => req.on('response', resolve).end());
    await new Promise((resolve) => res.once('data', resolve));
    const stream = logs.at(-1)!;
    const closed = new Promise((resolve) => stream.once('close', resolve));
    req.destroy();
    await closed;
    expect(stream.destroyed).toBe(true);
  });

  it('hands an upgrade request’s socket to the handler that takes it over, with the pipeline’s headers', async () => {
    const req = request('/exec?command=ls', UPGRADE);
    const [res, socket, head] = await new Promise<[IncomingMessage, Duplex, Buffer]>((resolve) =>
      req.on('upgrade', (r: IncomingMessage, s: Duplex, h: Buffer) => resolve([r, s, h])).end(),
    );
    expect([res.statusCode, res.headers['warning']]).toEqual([101, '299 - "careful"']);
    let text = head.toString();
    for await (const chunk of socket) text += (chunk as Buffer).toString();
    expect(text).toBe('upgraded /exec?command=ls');
  });

  it('answers an upgrade request in plain HTTP when the handler does not upgrade, and closes', async () => {
    const res = await new Promise<IncomingMessage>((resolve) =>
      request('/refused', UPGRADE).on('response', resolve).end(),
    );
    expect([res.statusCode, res.headers['content-type'], res.headers['connection']]).toEqual([
      403,
      'application/json',
      'close',
    ]);
    expect(JSON.parse(await bodyOf(res))).toEqual({ kind: 'Status', message: 'no' });
  });

  it('streams to an upgrade request in plain HTTP until the stream ends', async () => {
    const res = await new Promise<IncomingMessage>((resolve) => request('/log', UPGRADE).on('response', resolve).end());
    expect([res.statusCode, res.headers['content-type'], res.headers['connection']]).toEqual([
      200,
      'text/plain',
      'close',
    ]);
    const body = bodyOf(res);
    logs.at(-1)!.end('two\n');
    expect(await body).toBe('one\ntwo\n');
  });

  it('refuses to take over a connection that did not ask for an upgrade', async () => {
    const res = await new Promise<IncomingMessage>((resolve) => request('/exec').on('response', resolve).end());
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(await bodyOf(res))).toMatchObject({ reason: 'BadRequest', message: 'Upgrade request required' });
  });

  it('still answers plain requests with JSON', async () => {
    const res = await new Promise<IncomingMessage>((resolve) => request('/object').on('response', resolve).end());
    expect([res.statusCode, JSON.parse(await bodyOf(res))]).toEqual([200, { kind: 'Thing' }]);
  });
});
