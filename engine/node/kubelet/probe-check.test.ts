import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import type { ProbeTarget } from './probe-check.ts';
import { resolvePort, runProbe } from './probe-check.ts';
import type { Container, ProbeHandler } from './pod-types.ts';

const container: Container = { name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] };

function target(overrides: Partial<ProbeTarget> = {}): ProbeTarget {
  return {
    podIP: '10.244.1.5',
    http: () => undefined,
    listens: () => false,
    exec: () => undefined,
    ...overrides,
  };
}

function probe(handler: ProbeHandler, t: ProbeTarget, clock = new VirtualClock(0)) {
  return runProbe(handler, container, t, 1000, clock);
}

describe('runProbe', () => {
  it.each([
    { status: 200, result: 'Success', output: '' },
    { status: 302, result: 'Success', output: '' },
    { status: 404, result: 'Failure', output: 'HTTP probe failed with statuscode: 404' },
    { status: 500, result: 'Failure', output: 'HTTP probe failed with statuscode: 500' },
  ])('an HTTP probe answered $status is a $result', async ({ status, result, output }) => {
    const outcome = await probe(
      { httpGet: { path: '/healthz', port: 8080 } },
      target({ http: () => ({ status, body: '' }) }),
    );
    expect(outcome).toEqual({ result, output });
  });

  it('an HTTP probe nothing answers fails with connection refused', async () => {
    expect(await probe({ httpGet: { path: '/healthz', port: 'http' } }, target())).toEqual({
      result: 'Failure',
      output: 'Get "http://10.244.1.5:8080/healthz": dial tcp 10.244.1.5:8080: connect: connection refused',
    });
  });

  it('sends the kube-probe user agent and the probe headers to the named port', async () => {
    let seen: { port: number; path: string; headers: Record<string, string> } | undefined;
    await probe(
      { httpGet: { path: '/ready', port: 'http', httpHeaders: [{ name: 'X-Check', value: 'yes' }] } },
      target({
        http: (port, path, headers) => {
          seen = { port, path, headers };
          return { status: 200, body: '' };
        },
      }),
    );
    expect(seen).toEqual({
      port: 8080,
      path: '/ready',
      headers: { 'user-agent': 'kube-probe/1.32', accept: '*/*', host: '10.244.1.5:8080', 'x-check': 'yes' },
    });
  });

  it.each([
    { listens: true, result: 'Success', output: '' },
    { listens: false, result: 'Failure', output: 'dial tcp 10.244.1.5:6379: connect: connection refused' },
  ])('a TCP probe to a port that listens=$listens is a $result', async ({ listens, result, output }) => {
    expect(await probe({ tcpSocket: { port: 6379 } }, target({ listens: () => listens }))).toEqual({ result, output });
  });

  it.each([
    { code: 0, result: 'Success' },
    { code: 1, result: 'Failure' },
  ])('an exec probe whose command exits $code is a $result with its output', async ({ code, result }) => {
    const t = target({
      exec: () => ({ output: Promise.resolve({ code, output: 'checked\n' }), abort: () => undefined }),
    });
    expect(await probe({ exec: { command: ['cat', '/tmp/healthy'] } }, t)).toEqual({ result, output: 'checked\n' });
  });

  it('an exec probe that outlives its timeout fails and is aborted', async () => {
    const clock = new VirtualClock(0);
    clock.setPaused(true);
    let aborted = false;
    const t = target({
      exec: () => ({ output: new Promise(() => undefined), abort: () => (aborted = true) }),
    });
    const pending = probe({ exec: { command: ['sleep', '10'] } }, t, clock);
    clock.step(1000);
    expect(await pending).toEqual({ result: 'Failure', output: 'command "sleep 10" timed out' });
    expect(aborted).toBe(true);
  });

  it('an exec probe in a container that does not run is Unknown', async () => {
    expect((await probe({ exec: { command: ['true'] } }, target())).result).toBe('Unknown');
  });
});

describe('resolvePort', () => {
  it.each([
    { port: 80, expected: 80 },
    { port: '8080', expected: 8080 },
    { port: 'http', expected: 8080 },
    { port: 'metrics', expected: undefined },
  ])('resolves $port to $expected', ({ port, expected }) => {
    expect(resolvePort(port, container)).toBe(expected);
  });
});
