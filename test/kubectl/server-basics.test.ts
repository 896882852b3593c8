// The headless lab as a user first meets it: kubectl finds a 1.32 server, its resources and namespaces.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

describe('kubelab serve with the real kubectl', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab();
  });

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it('reports server version 1.32', async () => {
    const { code, stdout } = await lab.kubectl(['version', '-o', 'json']);
    expect(code).toBe(0);
    const version = JSON.parse(stdout);
    expect(version.serverVersion).toMatchObject({ major: '1', minor: '32' });
  });

  it('lists the resources a 1.32 cluster serves, with short names', async () => {
    const { code, stdout } = await lab.kubectl(['api-resources', '--no-headers']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
  });

  it('starts with the system namespaces and the kubernetes service', async () => {
    const ns = await lab.kubectl(['get', 'namespaces', '-o', 'name']);
    expect(ns.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'namespace/default',
      'namespace/kube-node-lease',
      'namespace/kube-public',
      'namespace/kube-system',
    ]);
    const svc = await lab.kubectl(['get', 'service', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}']);
    expect(svc.stdout).toBe('10.96.0.1');
  });

  it('answers health checks', async () => {
    expect((await lab.kubectl(['get', '--raw', '/readyz'])).stdout).toBe('ok');
  });
});
