// Volumes filled from the API, against an in-process cluster: ConfigMap and Secret keys as files, downward API
// fields, the projected ServiceAccount token volume every pod gets, and FailedMount for a missing ConfigMap.

import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findImage } from '../images/catalogue.ts';
import type { Kubelet } from './kubelet.ts';
import type { PodStatus } from './pod-types.ts';
import { KubeletTestCluster } from './testing/kubelet-test-cluster.ts';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
const SECRETS = { group: '', version: 'v1', resource: 'secrets' };

let lab: KubeletTestCluster;
let kubelet: Kubelet;

beforeEach(async () => {
  lab = await KubeletTestCluster.start();
  const configMap = (name: string, data: Record<string, string>) =>
    lab.client.create(CONFIGMAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
  await configMap('kube-root-ca.crt', { 'ca.crt': '-----BEGIN CERTIFICATE-----\nlab\n-----END CERTIFICATE-----\n' });
  await configMap('app-config', { greeting: 'hello', 'mode.conf': 'fast' });
  await lab.client.create(SECRETS, 'default', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'app-secret' },
    data: { password: Buffer.from('s3cret').toString('base64') },
  });
  kubelet = lab.kubelet('node-1', { images: findImage, apiVolumes: true });
  await kubelet.start();
});

afterEach(async () => {
  await lab.close();
});

async function run(pod: string, command: string[]): Promise<string> {
  const session = await kubelet.api.exec('default', pod, {
    container: 'c',
    command,
    stdin: false,
    stdout: true,
    stderr: true,
    tty: false,
  });
  let out = '';
  for await (const chunk of (session.stdout ?? []) as Readable) out += String(chunk);
  return out;
}

describe('volumes from the API', () => {
  it('mounts ConfigMap and Secret keys, downward API fields and the ServiceAccount token volume as files', async () => {
    await lab.createPod('app', {
      containers: [
        {
          name: 'c',
          image: 'busybox:1.36',
          command: ['sleep', '3600'],
          volumeMounts: [
            { name: 'config', mountPath: '/etc/config' },
            { name: 'secret', mountPath: '/etc/secret' },
            { name: 'info', mountPath: '/etc/podinfo' },
          ],
        },
      ],
      volumes: [
        { name: 'config', configMap: { name: 'app-config' } },
        { name: 'secret', secret: { secretName: 'app-secret', items: [{ key: 'password', path: 'db/password' }] } },
        {
          name: 'info',
          downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] },
        },
      ],
    });
    await lab.podUntil('app', (s) => s.phase === 'Running', 'Running');
    expect(await run('app', ['cat', '/etc/config/greeting'])).toBe('hello');
    expect(await run('app', ['ls', '/etc/config'])).toBe('greeting\nmode.conf\n');
    expect(await run('app', ['cat', '/etc/secret/db/password'])).toBe('s3cret');
    expect(await run('app', ['cat', '/etc/podinfo/name'])).toBe('app');
    const account = '/var/run/secrets/kubernetes.io/serviceaccount';
    expect(await run('app', ['cat', `${account}/namespace`])).toBe('default');
    expect(await run('app', ['cat', `${account}/ca.crt`])).toContain('BEGIN CERTIFICATE');
    expect(await run('app', ['cat', `${account}/token`])).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('keeps a pod whose ConfigMap does not exist in ContainerCreating with FailedMount events', async () => {
    await lab.createPod('broken', {
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      volumes: [{ name: 'config', configMap: { name: 'missing' } }],
    });
    await lab.advance(15_000, 500);
    const status = (await lab.pod('broken'))?.['status'] as PodStatus;
    expect(status.phase).toBe('Pending');
    expect(status.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(await lab.eventsFor('broken')).toContainEqual({
      reason: 'FailedMount',
      message: 'MountVolume.SetUp failed for volume "config" : configmap "missing" not found',
    });
  });
});
