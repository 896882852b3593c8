// `npm run bench -- api [--clients 64] [--creates 20000] [--stored 100000]`: the API server over HTTPS under load,
// with the admin client certificate, from a separate process: creates/s with many concurrent clients, single-object
// write latency once many objects are stored, gets, paginated lists, and watch event delivery.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/lab-server.ts';

interface Kubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
}

interface Target {
  server: URL;
  agent: https.Agent;
}

const b64 = (s: string) => Buffer.from(s, 'base64');

function request(
  target: Target,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(
      {
        host: target.server.hostname,
        port: target.server.port,
        method,
        path,
        agent: target.agent,
        headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface PhaseResult {
  requests: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Runs `total` requests from `clients` concurrent loops; `make(i)` issues request number i. */
async function phase(
  clients: number,
  total: number,
  make: (i: number) => Promise<{ status: number }>,
  ok = (s: number) => s < 300,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        const res = await make(i);
        latencies.push(performance.now() - t0);
        if (!ok(res.status)) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    perSec: Math.round(total / seconds),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
    errors,
  };
}

function configMap(namespace: string, name: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: { bench: 'api' } },
    data: { key: 'value', index: name },
  };
}

async function startServer(dir: string): Promise<{ child: ChildProcess; target: Target }> {
  const kubeconfigPath = join(dir, 'kubeconfig');
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'main/cli/kubelab.mjs'), 'serve', '--port', '0', '--kubeconfig', kubeconfigPath],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`kubelab exited with ${code}`)));
  });
  const config = parse(await readFile(kubeconfigPath, 'utf8')) as Kubeconfig;
  const cluster = config.clusters[0]!.cluster;
  const user = config.users[0]!.user;
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 256,
    ca: b64(cluster['certificate-authority-data']),
    cert: b64(user['client-certificate-data']),
    key: b64(user['client-key-data']),
  });
  return { child, target: { server: new URL(cluster.server), agent } };
}

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function watchDelivery(
  target: Target,
  namespace: string,
  count: number,
): Promise<{ eventsPerSec: number; p50Ms: number; p99Ms: number }> {
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  let resolveDone: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const req = https.request({
    host: target.server.hostname,
    port: target.server.port,
    path: `/api/v1/namespaces/${namespace}/configmaps?watch=true&resourceVersion=0`,
    agent: new https.Agent({ ...target.agent.options, keepAlive: false }),
  });
  req.on('response', (res) => {
    let buffer = '';
    res.on('data', (c: Buffer) => {
      buffer += c.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const event = JSON.parse(line) as { type: string; object: { metadata: { name: string } } };
        const t = sent.get(event.object.metadata.name);
        if (event.type === 'ADDED' && t !== undefined) {
          latencies.push(performance.now() - t);
          if (latencies.length === count) resolveDone();
        }
      }
    });
  });
  req.end();
  await new Promise((r) => setTimeout(r, 200));
  const started = performance.now();
  await phase(16, count, (i) => {
    const name = `w-${i}`;
    sent.set(name, performance.now());
    return request(target, 'POST', `/api/v1/namespaces/${namespace}/configmaps`, configMap(namespace, name));
  });
  await done;
  const seconds = (performance.now() - started) / 1000;
  req.destroy();
  latencies.sort((a, b) => a - b);
  return {
    eventsPerSec: Math.round(count / seconds),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
  };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const clients = flag(args, 'clients', 64);
  const creates = flag(args, 'creates', 20_000);
  const stored = flag(args, 'stored', 100_000);
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-bench-api-'));
  const { child, target } = await startServer(dir);
  try {
    for (const ns of ['bench', 'watch']) {
      await request(target, 'POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
    }
    const path = '/api/v1/namespaces/bench/configmaps';
    console.error('warming up (2000 creates)');
    await phase(clients, 2000, (i) => request(target, 'POST', path, configMap('bench', `warm-${i}`)));
    console.error(`creates: ${creates} with ${clients} clients`);
    const create = await phase(clients, creates, (i) => request(target, 'POST', path, configMap('bench', `cm-${i}`)));
    console.error(`  ${create.perSec}/s p50 ${create.p50Ms} ms p99 ${create.p99Ms} ms`);

    console.error(`filling the store to ${stored} objects`);
    await phase(clients, Math.max(0, stored - creates - 2000), (i) =>
      request(target, 'POST', path, configMap('bench', `fill-${i}`)),
    );

    console.error('single-object writes with the store full (updates, 8 clients)');
    const write = await phase(8, 2000, (i) =>
      request(target, 'PUT', `${path}/cm-${i}`, { ...configMap('bench', `cm-${i}`), data: { key: 'changed' } }),
    );
    console.error(`  ${write.perSec}/s p50 ${write.p50Ms} ms p99 ${write.p99Ms} ms`);

    console.error('gets');
    const get = await phase(clients, 20_000, (i) => request(target, 'GET', `${path}/cm-${i % creates}`));
    console.error(`  ${get.perSec}/s p50 ${get.p50Ms} ms p99 ${get.p99Ms} ms`);

    console.error('paginated lists (limit=500)');
    const list = await phase(8, 200, () => request(target, 'GET', `${path}?limit=500`));
    console.error(`  ${list.perSec}/s p50 ${list.p50Ms} ms p99 ${list.p99Ms} ms`);

    console.error('watch delivery');
    const watch = await watchDelivery(target, 'watch', 5000);
    console.error(`  ${watch.eventsPerSec} events/s, create→event p50 ${watch.p50Ms} ms p99 ${watch.p99Ms} ms`);

    return {
      clients,
      createsPerSec: create.perSec,
      createP50Ms: create.p50Ms,
      createP99Ms: create.p99Ms,
      objectsStored: stored,
      writeP50MsAtStored: write.p50Ms,
      writeP99MsAtStored: write.p99Ms,
      getsPerSec: get.perSec,
      getP99Ms: get.p99Ms,
      listsPerSec: list.perSec,
      listP99Ms: list.p99Ms,
      watchEventsPerSec: watch.eventsPerSec,
      watchP99Ms: watch.p99Ms,
      errors: create.errors + write.errors + get.errors + list.errors,
    };
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    await rm(dir, { recursive: true, force: true });
  }
}
