// The kubelet running the image catalogue's simulated images against an in-process cluster: nginx serving its
// probes, busybox running a shell command to its exit code and log, the Service variables in a container's
// environment, and the image ID a catalogue image reports.

import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { findImage } from '../images/catalogue.ts';
import type { Kubelet } from './kubelet.ts';
import type { PodStatus } from './pod-types.ts';
import { KubeletTestCluster } from './testing/kubelet-test-cluster.ts';

const SERVICES = { group: '', version: 'v1', resource: 'services' };

let lab: KubeletTestCluster;
let kubelet: Kubelet;
let services: KubeObject[] = [];

beforeEach(async () => {
  lab = await KubeletTestCluster.start();
  services = (await lab.client.list(SERVICES, '')).items;
  kubelet = lab.kubelet('node-1', {
    images: findImage,
    services: (namespace) => services.filter((s) => s.metadata.namespace === namespace),
  });
  await kubelet.start();
});

afterEach(async () => {
  await lab.close();
});

async function text(stream: Readable | undefined): Promise<string> {
  let out = '';
  for await (const chunk of stream ?? []) out += String(chunk);
  return out;
}

describe('catalogue images', () => {
  it('runs nginx, Ready once its HTTP readiness probe on / succeeds, with the image digest as imageID', async () => {
    await lab.createPod('web', {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80 }],
          readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2 },
        },
      ],
    });
    const pod = await lab.podUntil(
      'web',
      (s) => s.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true,
      'Ready',
    );
    const status = pod['status'] as PodStatus;
    const digest = findImage('nginx:1.27')?.digest;
    expect(status.containerStatuses?.[0]).toMatchObject({
      image: 'docker.io/library/nginx:1.27',
      imageID: digest ? `docker.io/library/nginx@${digest}` : expect.stringMatching(/^docker\.io\/library\/nginx@/),
    });
  });

  it('runs a busybox shell command to its exit code, its output in the log', async () => {
    await lab.createPod('job', {
      restartPolicy: 'Never',
      containers: [{ name: 'sh', image: 'busybox:1.36', command: ['sh', '-c', 'echo hello from busybox; exit 3'] }],
    });
    const pod = await lab.podUntil('job', (s) => s.phase === 'Failed', 'Failed');
    expect((pod['status'] as PodStatus).containerStatuses?.[0]?.state.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
    });
    expect(await text(await kubelet.api.logs('default', 'job', { container: 'sh' }))).toBe('hello from busybox\n');
  });

  it('gives containers the kubernetes Service variables and their own env', async () => {
    await lab.createPod('env', {
      containers: [
        {
          name: 'sh',
          image: 'busybox:1.36',
          command: ['sleep', '3600'],
          env: [{ name: 'API', value: '$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)' }],
        },
      ],
    });
    await lab.podUntil('env', (s) => s.phase === 'Running', 'Running');
    const session = await kubelet.api.exec('default', 'env', {
      container: 'sh',
      command: ['env'],
      stdin: false,
      stdout: true,
      stderr: true,
      tty: false,
    });
    const env = await text(session.stdout);
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(env).toContain('KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443\n');
    expect(env).toContain('API=10.96.0.1:443\n');
    expect(env).toContain('HOSTNAME=env\n');
  });
});
