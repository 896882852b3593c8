// A lab kept in a data directory survives a restart: stopped with SIGTERM and started again in the same directory
// on a new port, it serves the same objects with the same uids and resourceVersions, its CRDs and custom resources,
// and the same credentials, so the kubeconfig keeps working.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { STATIC_WORKLOADS, removeLab, startLab } from '../support/lab-server.ts';

const NS = 'durable';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: { type: object, properties: { size: { type: integer } } }
`;

interface Snapshot {
  objects: string;
  credentials: string;
}

describe('restarting a lab kept in a data directory', () => {
  let dir: string;
  let lab: Lab;
  let before: Snapshot;
  let firstUrl: string;

  const start = () => startLab({ dir, args: ['--data-dir', join(dir, 'data'), ...STATIC_WORKLOADS] });
  const snapshot = async (): Promise<Snapshot> => ({
    objects: (
      await lab.kubectl([
        'get',
        'namespaces,configmaps,secrets,deployments,services,widgets.example.com',
        '-A',
        '-o',
        'jsonpath={range .items[*]}{.kind} {.metadata.namespace}/{.metadata.name} {.metadata.uid} {.metadata.resourceVersion}{"\\n"}{end}',
      ])
    ).stdout,
    credentials: (
      await lab.kubectl([
        'config',
        'view',
        '--raw',
        '-o',
        'jsonpath={.clusters[0].cluster.certificate-authority-data} {.users[0].user.client-certificate-data}',
      ])
    ).stdout,
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-restart-'));
    lab = await start();
    firstUrl = lab.url;
    const setup = [
      ['create', 'namespace', NS],
      ['create', 'configmap', 'settings', '-n', NS, '--from-literal=color=blue'],
      ['create', 'secret', 'generic', 'creds', '-n', NS, '--from-literal=password=s3cr3t'],
      ['create', 'deployment', 'web', '-n', NS, '--image=nginx:1.27', '--replicas=2'],
      ['create', 'service', 'clusterip', 'web', '-n', NS, '--tcp=80:8080'],
      ['label', 'configmap', 'settings', '-n', NS, 'edited=yes'],
    ];
    for (const args of setup) expect((await lab.kubectl(args)).code).toBe(0);
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: CRD })).code).toBe(0);
    await lab.kubectl(['wait', '--for=condition=Established', 'crd/widgets.example.com', '--timeout=20s']);
    const widget = `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: ${NS}\nspec:\n  size: 3\n`;
    expect((await lab.kubectl(['create', '-f', '-'], { stdin: widget })).code).toBe(0);
    before = await snapshot();
    expect(await lab.stop()).toBe(0);
    lab = await start();
  });

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it('comes back on a new port with the same credentials, so the kubeconfig keeps working', async () => {
    expect(lab.url).not.toBe(firstUrl);
    expect(await lab.kubectl(['get', '--raw', '/readyz'])).toMatchObject({ code: 0, stdout: 'ok' });
    expect((await snapshot()).credentials).toBe(before.credentials);
  });

  it('serves every object with its uid and resourceVersion unchanged', async () => {
    const after = await snapshot();
    expect(after.objects).toBe(before.objects);
    expect(after.objects).toContain(`ConfigMap ${NS}/settings `);
    expect(after.objects).toContain(`Widget ${NS}/w1 `);
  });

  it('keeps the content of objects', async () => {
    const cm = JSON.parse((await lab.kubectl(['get', 'configmap', 'settings', '-n', NS, '-o', 'json'])).stdout);
    expect(cm.data).toEqual({ color: 'blue' });
    expect(cm.metadata.labels).toEqual({ edited: 'yes' });
    const secret = JSON.parse((await lab.kubectl(['get', 'secret', 'creds', '-n', NS, '-o', 'json'])).stdout);
    expect(Buffer.from(secret.data.password, 'base64').toString()).toBe('s3cr3t');
    const row = (await lab.kubectl(['get', 'deployment', 'web', '-n', NS, '--no-headers'])).stdout;
    expect(row).toMatch(/^web\s+0\/2\s+0\s+0\s+\d+s\n$/);
  });

  it('keeps serving the custom resources of its CRDs', async () => {
    const crd = await lab.kubectl(['wait', '--for=condition=Established', 'crd/widgets.example.com', '--timeout=20s']);
    expect(crd.code).toBe(0);
    const widget = JSON.parse((await lab.kubectl(['get', 'widgets', 'w1', '-n', NS, '-o', 'json'])).stdout);
    expect(widget.spec).toEqual({ size: 3 });
  });

  it('continues the resourceVersion sequence, and the kubernetes service keeps its cluster IP', async () => {
    const newest = Math.max(
      ...before.objects
        .split('\n')
        .filter(Boolean)
        .map((line) => Number(line.split(' ').at(-1))),
    );
    const rv = (
      await lab.kubectl(['create', 'configmap', 'after', '-n', NS, '-o', 'jsonpath={.metadata.resourceVersion}'])
    ).stdout;
    expect(Number(rv)).toBeGreaterThan(newest);
    expect(
      (await lab.kubectl(['get', 'service', 'kubernetes', '-n', 'default', '-o', 'jsonpath={.spec.clusterIP}'])).stdout,
    ).toBe('10.96.0.1');
  });

  it('answers a watch from before the restart with a 410 Expired ERROR event', async () => {
    const { code, stdout } = await lab.kubectl([
      'get',
      '--raw',
      `/api/v1/namespaces/${NS}/configmaps?watch=true&resourceVersion=1&timeoutSeconds=5`,
    ]);
    expect(code).toBe(0);
    const event = JSON.parse(stdout);
    expect(event).toEqual({
      type: 'ERROR',
      object: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: expect.stringMatching(/^too old resource version: 1 \(\d+\)$/),
        reason: 'Expired',
        code: 410,
      },
    });
  });
});
