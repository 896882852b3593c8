// The `app://kubelab/` scheme the UI is loaded from instead of file://: registered as privileged (standard, secure,
// fetch-capable) before the app is ready, and served from the built renderer (dist/renderer) with every response
// carrying the UI's Content-Security-Policy. A URL that would leave that folder is refused.

import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/content-security-policy.ts';
import { APP_SCHEME, isAppUrl } from './app-origin.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before the app's ready event (Electron allows it once). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/**
 * The file under `rootDir` an app URL names (`/` and folders name their index.html), or undefined when the URL is not
 * the app's, or a segment decodes to `..`, a separator or a NUL, or the path would leave `rootDir` in any other way.
 */
export function appFileFor(rootDir: string, url: string): string | undefined {
  if (!isAppUrl(url)) return undefined;
  const rawSegments = new URL(url).pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  if (segments.length === 0 || segments.at(-1) === '') segments.push('index.html');
  const file = join(rootDir, ...segments.filter((segment) => segment !== '' && segment !== '.'));
  const inside = relative(rootDir, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? undefined : file;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });
}

/** Answers one request of the app scheme from `rootDir`. */
export async function serveAppRequest(rootDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
  const file = appFileFor(rootDir, request.url);
  if (file === undefined) return textResponse(403, 'forbidden');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return textResponse(404, 'not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

/** Serves the app scheme from `rootDir` (after the app is ready). */
export function handleAppScheme(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rootDir, request));
}
