import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../program.ts';
import { startInImage } from '../testing/run-image.ts';

function get(port: number, path: string): HttpRequest {
  return { method: 'GET', path, headers: {}, port };
}

describe('control-plane components and system pods', () => {
  it.each([
    {
      image: 'registry.k8s.io/etcd:3.5.16-0',
      argv: ['etcd', '--name=lab-control-plane', '--data-dir=/var/lib/etcd'],
      log: /"msg":"starting an etcd server","etcd-version":"3\.5\.16","name":"lab-control-plane"/,
      port: 2381,
      path: '/livez',
    },
    {
      image: 'registry.k8s.io/kube-apiserver:v1.32.4',
      argv: ['kube-apiserver', '--secure-port=6443'],
      log: /^I1123 10:00:00\.000000 {7}1 server\.go:144\] Version: v1\.32\.4$/m,
      port: 6443,
      path: '/readyz',
    },
    {
      image: 'registry.k8s.io/kube-controller-manager:v1.32.4',
      argv: ['kube-controller-manager'],
      log: /successfully acquired lease kube-system\/kube-controller-manager/,
      port: 10257,
      path: '/healthz',
    },
    {
      image: 'registry.k8s.io/kube-scheduler:v1.32.4',
      argv: ['kube-scheduler'],
      log: /"Starting Kubernetes Scheduler" version="v1\.32\.4"/,
      port: 10259,
      path: '/livez',
    },
    {
      image: 'registry.k8s.io/kube-proxy:v1.32.4',
      argv: ['/usr/local/bin/kube-proxy', '--hostname-override=node-1'],
      log: /"Version info" version="v1\.32\.4"/,
      port: 10256,
      path: '/healthz',
    },
    {
      image: 'registry.k8s.io/coredns/coredns:v1.11.3',
      argv: ['/coredns', '-conf', '/etc/coredns/Corefile'],
      log: /CoreDNS-1\.11\.3/,
      port: 8080,
      path: '/health',
    },
  ])('$image runs until stopped, logs its start and answers its probe', async ({ image, argv, log, port, path }) => {
    const run = startInImage(image, argv, {
      files: { '/etc/coredns/Corefile': '.:53 {\n    errors\n    health\n}\n' },
    });
    await run.settle();
    expect(run.stdout() + run.stderr()).toMatch(log);
    expect(run.running.http?.(get(port, path))?.status).toBe(200);
    expect(run.running.usage().memoryBytes).toBeGreaterThan(0);
    run.stop();
    expect(await run.running.exited).toBe(0);
  });

  it('CoreDNS logs the server blocks of its Corefile and listens on 53', async () => {
    const run = startInImage(
      'registry.k8s.io/coredns/coredns:v1.11.3',
      ['/coredns', '-conf', '/etc/coredns/Corefile'],
      {
        files: { '/etc/coredns/Corefile': '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n}\n' },
      },
    );
    await run.settle();
    expect(run.stdout().split('\n')[0]).toBe('.:53');
    expect(run.running.listens?.(53)).toBe(true);
    expect(run.running.http?.(get(8181, '/ready'))).toMatchObject({ status: 200, body: 'OK' });
  });
});

describe('goproxy', () => {
  it('listens on 8080 and logs nothing', async () => {
    const run = startInImage('registry.k8s.io/goproxy:0.1', ['/goproxy']);
    await run.settle();
    expect(run.running.listens?.(8080)).toBe(true);
    expect(run.running.http?.(get(8080, '/'))?.status).toBe(500);
    expect(run.stdout() + run.stderr()).toBe('');
  });
});

describe('agnhost', () => {
  it('netexec answers /hostname and /echo on its --http-port', async () => {
    const run = startInImage('registry.k8s.io/e2e-test-images/agnhost:2.52', [
      '/agnhost',
      'netexec',
      '--http-port=8080',
    ]);
    await run.settle();
    expect(run.stderr()).toMatch(/Started HTTP server on port 8080/);
    expect(run.running.http?.(get(8080, '/hostname'))?.body).toBe('lab-pod');
    expect(run.running.http?.(get(8080, '/echo?msg=hi'))?.body).toBe('hi');
    expect(run.running.http?.(get(8080, '/nope'))?.status).toBe(404);
  });

  it('liveness answers /healthz with 200 for 10 seconds, then 500', async () => {
    const run = startInImage('registry.k8s.io/e2e-test-images/agnhost:2.40', ['/agnhost', 'liveness']);
    await run.settle();
    expect(run.running.http?.(get(8080, '/healthz'))).toMatchObject({ status: 200, body: 'ok' });
    run.clock.step(10_000);
    expect(run.running.http?.(get(8080, '/healthz'))?.status).toBe(200);
    run.clock.step(500);
    expect(run.running.http?.(get(8080, '/healthz'))).toMatchObject({ status: 500, body: 'error: 10.5' });
  });

  it('serve-hostname answers its hostname on 9376', async () => {
    const run = startInImage('registry.k8s.io/e2e-test-images/agnhost:2.53', ['/agnhost', 'serve-hostname']);
    await run.settle();
    expect(run.running.http?.(get(9376, '/'))?.body).toBe('lab-pod');
  });
});
