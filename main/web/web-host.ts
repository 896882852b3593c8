// The browser host: the built UI over HTTP on 127.0.0.1 and the host contract over a WebSocket, for `kubelab web`
// and `npm start` without Electron. A random token guards every path under /api/ (the WebSocket included): a request
// without it is answered 401 before any routing. Host and Origin headers must name this server, so another site
// cannot reach it through the browser (DNS rebinding, cross-site WebSockets).

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { WEBSOCKET_PATH, decodeFrame, encodeFrame, parseRequest } from '../../engine/protocol/framing.ts';
import type { HostMessage } from '../../engine/protocol/framing.ts';
import { CONTENT_SECURITY_POLICY } from '../host/content-security-policy.ts';
import { HostSession } from '../host/host-session.ts';
import type { LabHost } from '../host/lab-host.ts';
import { readStaticFile } from './static-files.ts';

export interface WebHostOptions {
  port?: number;
  /** The folder of the built UI (dist/renderer). */
  rendererRoot: string;
  /** A fixed token (tests); a random one otherwise. */
  token?: string;
}

/** A client whose unsent data grows past this is too slow to keep; it is disconnected (it reconnects and re-lists). */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

function tokenOf(req: IncomingMessage, url: URL): string {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return url.searchParams.get('token') ?? '';
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class WebHost {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly sockets = new Set<WebSocket>();

  private constructor(
    private readonly server: Server,
    readonly token: string,
    private readonly lab: Promise<LabHost>,
    private readonly rendererRoot: string,
  ) {}

  /**
   * Serves at once; `lab` may still be starting — the page loads meanwhile, and connections are answered once the lab
   * is up (a lab that fails to start closes them).
   */
  static async start(lab: LabHost | Promise<LabHost>, options: WebHostOptions): Promise<WebHost> {
    const server = createServer();
    const token = options.token ?? randomBytes(24).toString('base64url');
    const labReady = Promise.resolve(lab);
    labReady.catch(() => undefined);
    const host = new WebHost(server, token, labReady, options.rendererRoot);
    server.on('request', (req, res) => void host.request(req, res));
    server.on('upgrade', (req, socket, head) => host.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return host;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The address to open: the page, with the token in the fragment (never sent to the server in page requests). */
  get url(): string {
    return `http://127.0.0.1:${this.port}/#token=${this.token}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private isOwnHost(req: IncomingMessage): boolean {
    const host = req.headers.host;
    return host === `127.0.0.1:${this.port}` || host === `localhost:${this.port}`;
  }

  private isOwnOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return (
      origin === undefined || origin === `http://127.0.0.1:${this.port}` || origin === `http://localhost:${this.port}`
    );
  }

  private async request(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      if (!sameToken(tokenOf(req, url), this.token)) return this.status(res, 401, 'Unauthorized');
      return this.status(
        res,
        url.pathname === WEBSOCKET_PATH ? 426 : 404,
        url.pathname === WEBSOCKET_PATH ? 'Upgrade Required' : 'Not Found',
      );
    }
    if (!this.isOwnHost(req)) return this.status(res, 421, 'Misdirected Request');
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.status(res, 405, 'Method Not Allowed');
    const file = await readStaticFile(this.rendererRoot, url.pathname);
    if (!file) return this.status(res, 404, 'Not Found');
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': file.body.length,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  private status(res: ServerResponse, code: number, text: string): void {
    res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
    res.end(`${code} ${text}\n`);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (code: number, text: string) => {
      socket.end(`HTTP/1.1 ${code} ${text}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${code} ${text}\n`);
    };
    if (url.pathname.startsWith('/api/') && !sameToken(tokenOf(req, url), this.token))
      return refuse(401, 'Unauthorized');
    if (url.pathname !== WEBSOCKET_PATH) return refuse(404, 'Not Found');
    if (!this.isOwnHost(req) || !this.isOwnOrigin(req)) return refuse(403, 'Forbidden');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connect(ws));
  }

  private connect(ws: WebSocket): void {
    this.sockets.add(ws);
    const send = (message: HostMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.terminate();
      ws.send(encodeFrame(message));
    };
    const session = this.lab.then((lab) => new HostSession(lab, send));
    session.catch(() => ws.close(1011, 'the lab did not start'));
    ws.on('message', (data, isBinary) => {
      const request = isBinary ? undefined : parseRequest(decodeFrame(String(data)));
      if (!request) return ws.close(1008, 'malformed message');
      void session.then((s) => s.handle(request)).then(send, () => undefined);
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      void session.then(
        (s) => s.close(),
        () => undefined,
      );
    });
  }
}
