// Tests for kubeconfig rendering, and proof that Go accepts the PKI: the real kubectl talks over TLS to a small Node
// HTTPS server that presents the serving certificate and authenticates kubectl's client certificate.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderKubeconfig, writeKubeconfig } from './kubeconfig.ts';
import type { KubeconfigOptions } from './kubeconfig.ts';
import { ADMIN_GROUPS, ADMIN_USER, loadOrCreatePki } from './pki.ts';
import type { Pki } from './pki.ts';

const run = promisify(execFile);

const VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

interface SeenClient {
  authorized: boolean;
  cn?: string | string[];
  o?: string | string[];
}

describe('renderKubeconfig', () => {
  const options: KubeconfigOptions = {
    clusterName: 'kubelab',
    server: 'https://127.0.0.1:6443',
    caPem: 'CA',
    clientCertPem: 'CERT',
    clientKeyPem: 'KEY',
    user: 'kubernetes-admin',
    context: 'kubernetes-admin@kubelab',
  };

  it('writes one cluster, user and current context with the PEMs base64-encoded inline', () => {
    expect(parse(renderKubeconfig(options))).toEqual({
      apiVersion: 'v1',
      clusters: [
        { cluster: { 'certificate-authority-data': 'Q0E=', server: 'https://127.0.0.1:6443' }, name: 'kubelab' },
      ],
      contexts: [{ context: { cluster: 'kubelab', user: 'kubernetes-admin' }, name: 'kubernetes-admin@kubelab' }],
      'current-context': 'kubernetes-admin@kubelab',
      kind: 'Config',
      preferences: {},
      users: [{ name: 'kubernetes-admin', user: { 'client-certificate-data': 'Q0VSVA==', 'client-key-data': 'S0VZ' } }],
    });
  });

  it('sets the context namespace when one is given', () => {
    const config = parse(renderKubeconfig({ ...options, namespace: 'dev' })) as { contexts: { context: object }[] };
    expect(config.contexts[0]?.context).toEqual({ cluster: 'kubelab', user: 'kubernetes-admin', namespace: 'dev' });
  });
});

describe('kubectl against the PKI', () => {
  let pki: Pki;
  let server: Server;
  let port: number;
  let home: string;
  const seen: SeenClient[] = [];

  beforeAll(async () => {
    pki = await loadOrCreatePki();
    home = await mkdtemp(join(tmpdir(), 'kubelab-kubeconfig-'));
    server = createServer(
      {
        key: pki.serving.keyPem,
        cert: pki.serving.certPem,
        ca: pki.ca.certPem,
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => {
        const socket = req.socket as TLSSocket;
        const subject = socket.getPeerCertificate().subject;
        seen.push({ authorized: socket.authorized, cn: subject?.CN, o: subject?.O });
        res.setHeader('Content-Type', 'application/json');
        if (!socket.authorized) {
          res.statusCode = 401;
          res.end(
            JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', code: 401 }),
          );
        } else if (req.url?.split('?')[0] === '/version') {
          res.end(JSON.stringify(VERSION));
        } else {
          res.statusCode = 404;
          res.end('{}');
        }
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(home, { recursive: true, force: true });
  });

  async function kubectlVersion(kubeconfig: string): Promise<{ serverVersion?: { gitVersion: string } }> {
    const { stdout } = await run('kubectl', ['version', '-o', 'json', '--kubeconfig', kubeconfig], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home },
      timeout: 20_000,
    });
    return JSON.parse(stdout) as { serverVersion?: { gitVersion: string } };
  }

  it.each([
    ['127.0.0.1', ADMIN_USER, ADMIN_GROUPS],
    ['localhost', 'jane', ['dev', 'qa']],
  ])('connects to %s and authenticates as %s in groups %j', async (host, user, groups) => {
    const client = user === ADMIN_USER ? pki.admin : await pki.issueClientCertificate(user, groups);
    const path = join(home, `${user}`, 'config');
    await writeKubeconfig(path, {
      clusterName: 'kubelab',
      server: `https://${host}:${port}`,
      caPem: pki.ca.certPem,
      clientCertPem: client.certPem,
      clientKeyPem: client.keyPem,
      user,
      context: `${user}@kubelab`,
    });
    seen.length = 0;
    const version = await kubectlVersion(path);
    expect(version.serverVersion?.gitVersion).toBe('v1.32.4');
    expect(seen.length).toBeGreaterThan(0);
    for (const client of seen) {
      expect(client.authorized).toBe(true);
      expect(client.cn).toBe(user);
      expect(groups.length === 1 ? [client.o] : client.o).toEqual(groups);
    }
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a server whose certificate is signed by another CA', async () => {
    const other = await loadOrCreatePki();
    const path = join(home, 'other-ca');
    await writeFile(
      path,
      renderKubeconfig({
        clusterName: 'kubelab',
        server: `https://127.0.0.1:${port}`,
        caPem: other.ca.certPem,
        clientCertPem: pki.admin.certPem,
        clientKeyPem: pki.admin.keyPem,
        user: ADMIN_USER,
        context: 'admin@kubelab',
      }),
    );
    await expect(kubectlVersion(path)).rejects.toThrow(/certificate signed by unknown authority/);
  });

  it('lets the server tell a client certificate from another CA apart', async () => {
    const other = await loadOrCreatePki();
    const path = join(home, 'stranger');
    await writeKubeconfig(path, {
      clusterName: 'kubelab',
      server: `https://127.0.0.1:${port}`,
      caPem: pki.ca.certPem,
      clientCertPem: other.admin.certPem,
      clientKeyPem: other.admin.keyPem,
      user: ADMIN_USER,
      context: 'stranger@kubelab',
    });
    seen.length = 0;
    await expect(kubectlVersion(path)).rejects.toThrow();
    expect(seen.some((client) => !client.authorized && client.cn === ADMIN_USER)).toBe(true);
  });

  it('writes kubeconfigs readable by kubectl config view', async () => {
    const path = join(home, 'nested', 'dir', 'config');
    await writeKubeconfig(path, {
      clusterName: 'kubelab',
      server: `https://127.0.0.1:${port}`,
      caPem: pki.ca.certPem,
      clientCertPem: pki.admin.certPem,
      clientKeyPem: pki.admin.keyPem,
      user: ADMIN_USER,
      context: 'kubernetes-admin@kubelab',
      namespace: 'dev',
    });
    const { stdout } = await run('kubectl', ['config', 'view', '--minify', '-o', 'json', '--kubeconfig', path], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home },
    });
    const view = JSON.parse(stdout) as { contexts: { context: { namespace: string } }[] };
    expect(view.contexts[0]?.context.namespace).toBe('dev');
    expect(await readFile(path, 'utf8')).toContain('client-key-data: ');
  });
});
