// The browser host against a real lab: the token and header checks, and the contract over its WebSocket.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostMethod } from '../../engine/protocol/host-api.ts';
import { HostClient, until as eventually } from '../../test/support/host-client.ts';
import { LabHost } from '../host/lab-host.ts';
import { WebHost } from './web-host.ts';

let lab: LabHost;
let host: WebHost;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-web-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>kubelab</title>');
  lab = await LabHost.start({ nodes: 0, port: 0, dataDir: join(dir, 'lab') });
  host = await WebHost.start(lab, { rendererRoot: join(dir, 'renderer') });
});

const Client = { connect: (token = host.token, origin?: string) => HostClient.connect(host.port, token, origin) };

afterAll(async () => {
  await host?.close();
  await lab?.close();
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the token guard', () => {
  it.each([
    ['no token', '/api/host', {}],
    ['a wrong token', '/api/host?token=wrong', {}],
    ['a wrong bearer token', '/api/other', { authorization: 'Bearer wrong' }],
  ])('answers a request under /api/ with %s 401 before routing', async (_what, path, headers) => {
    expect((await get(path, headers)).status).toBe(401);
  });

  it('routes a request with the right token', async () => {
    expect((await get(`/api/other?token=${host.token}`)).status).toBe(404);
    expect((await get('/api/other', { authorization: `Bearer ${host.token}` })).status).toBe(404);
  });

  it('refuses a WebSocket without the token with 401', async () => {
    await expect(Client.connect('wrong')).rejects.toThrow('HTTP 401');
  });

  it('refuses a WebSocket opened by another site', async () => {
    await expect(Client.connect(host.token, 'http://evil.example')).rejects.toThrow('HTTP 403');
  });
});

describe('the page', () => {
  it('is served with the Content-Security-Policy', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('is not served to a request for another host name (DNS rebinding)', async () => {
    expect((await get('/', { host: 'attacker.example' })).status).toBe(421);
  });
});

describe('the contract over the WebSocket', () => {
  it('tells the lab and its resources', async () => {
    const client = await Client.connect();
    const info = await client.result('lab.info', {});
    expect(info).toMatchObject({ name: 'kubelab', server: lab.serverUrl, kubernetesVersion: 'v1.32.4+kubelab' });
    const resources = (await client.result('api.resources', {})) as unknown as {
      resource: string;
      shortNames: string[];
    }[];
    expect(resources.find((r) => r.resource === 'deployments')?.shortNames).toEqual(['deploy']);
    client.close();
  });

  it('applies YAML per document, and tells created, unchanged and configured apart', async () => {
    const client = await Client.connect();
    const yaml = (value: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: ${value}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n    team: a\n`;
    const actions = async (text: string) =>
      ((await client.result('objects.apply', { yaml: text })).outcomes as { action?: string }[]).map((o) => o.action);
    expect(await actions(yaml('blue'))).toEqual(['created', 'created']);
    expect(await actions(yaml('blue'))).toEqual(['unchanged', 'unchanged']);
    expect(await actions(yaml('green'))).toEqual(['configured', 'unchanged']);
    const stored = await client.result('objects.yaml', {
      ref: { group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'settings' },
    });
    expect(stored.yaml).toContain('color: green');
    expect(stored.yaml).not.toContain('managedFields');
    client.close();
  });

  it('points errors at the line they concern', async () => {
    const client = await Client.connect();
    const outcomes = async (text: string) =>
      (await client.result('objects.apply', { yaml: text, dryRun: true })).outcomes;
    expect(await outcomes('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nbogus: 1\n')).toMatchObject([
      { error: { code: 500, field: 'bogus', line: 5 } },
    ]);
    expect(await outcomes('apiVersion: nope/v9\nkind: Gadget\nmetadata:\n  name: x\n')).toMatchObject([
      { error: { message: 'no matches for kind "Gadget" in version "nope/v9"', line: 2 } },
    ]);
    expect(await outcomes('kind: Pod\nmetadata:\n  name: a: b\n')).toMatchObject([{ error: { line: 3, document: 0 } }]);
    const invalid = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: ""\n`;
    expect(await outcomes(invalid)).toMatchObject([
      { error: { code: 422, reason: 'Invalid', field: 'spec.containers[0].image', line: 8 } },
    ]);
    client.close();
  });

  it('diffs the live object against what an apply would make', async () => {
    const client = await Client.connect();
    await client.result('objects.apply', {
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: diffed\ndata:\n  a: "1"\n',
    });
    const { outcomes } = (await client.result('objects.diff', {
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: diffed\ndata:\n  a: "2"\n',
    })) as { outcomes: { live: string; merged: string }[] };
    expect(outcomes[0]?.live).toContain('a: "1"');
    expect(outcomes[0]?.merged).toContain('a: "2"');
    expect(
      (
        await client.result('objects.yaml', {
          ref: { group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'diffed' },
        })
      ).yaml,
    ).toContain('a: "1"');
    client.close();
  });

  it('streams a watch: the current objects, SYNCED, then changes, until closed', async () => {
    const client = await Client.connect();
    const ref = { group: '', version: 'v1', resource: 'configmaps' };
    await client.result('objects.apply', { yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: watched\n' });
    const { stream } = (await client.result('watch.open', { ref, namespace: 'default' })) as { stream: string };
    const events = () => client.streams.get(stream) ?? [];
    await eventually(() => events().find((e) => e.kind === 'watch' && e.type === 'SYNCED'));
    expect(
      events().some((e) => e.kind === 'watch' && e.type === 'ADDED' && e.object?.metadata?.name === 'watched'),
    ).toBe(true);
    await client.result('objects.delete', { ref: { ...ref, namespace: 'default', name: 'watched' } });
    await eventually(() => events().find((e) => e.kind === 'watch' && e.type === 'DELETED'));
    await client.result('stream.close', { stream });
    const seen = events().length;
    await client.result('objects.apply', { yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: later\n' });
    await new Promise((r) => setTimeout(r, 200));
    expect(events().length).toBe(seen);
    client.close();
  });

  it('runs a terminal with KUBECONFIG set to the lab', async () => {
    const client = await Client.connect();
    const { stream } = (await client.result('terminal.open', { cols: 80, rows: 24 })) as { stream: string };
    await client.result('terminal.input', { stream, data: 'echo "kc=$KUBECONFIG"; exit 3\r' });
    const output = () => (client.streams.get(stream) ?? []).map((e) => (e.kind === 'terminal' ? e.data : '')).join('');
    await eventually(() => (output().includes(`kc=${lab.kubeconfigPath}`) ? true : undefined));
    expect(await eventually(() => client.streams.get(stream)?.find((e) => e.kind === 'end'))).toEqual({
      kind: 'end',
      exitCode: 3,
    });
    client.close();
  });

  it('answers bad requests with errors and keeps the connection', async () => {
    const client = await Client.connect();
    expect(await client.call('nope' as HostMethod, {} as never)).toMatchObject({ error: { code: 404 } });
    expect(
      await client.call('objects.get', { ref: { group: '', version: 'v1', resource: 'pods' } } as never),
    ).toMatchObject({
      error: { code: 400 },
    });
    expect(await client.call('terminal.input', { stream: 'terminal-999', data: 'x' })).toMatchObject({
      error: { code: 404 },
    });
    expect(await client.result('lab.info', {})).toMatchObject({ name: 'kubelab' });
    client.close();
  });

  it('closes a connection that sends a malformed message', async () => {
    const client = await Client.connect();
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.ws.send('{not json');
    expect(await closed).toBe(1008);
  });
});
