import { describe, expect, it } from 'vitest';
import { startInImage } from '../testing/run-image.ts';

describe('kubelab/crasher', () => {
  it('exits with code 1 five seconds of lab time after it starts, saying why', async () => {
    const run = startInImage('kubelab/crasher', ['/crasher']);
    let status: number | undefined;
    void run.running.exited.then((code) => (status = code));
    await run.settle();
    expect(run.stdout()).toBe('crasher: starting; will exit with code 1 in 5s\n');
    run.clock.step(4_000);
    await run.settle();
    expect(status).toBeUndefined();
    run.clock.step(1_000);
    await run.settle();
    expect(status).toBe(1);
    expect(run.stderr()).toBe('fatal: simulated failure after 5s, exiting with code 1\n');
  });

  it('takes its delay and exit code from the environment', async () => {
    const run = startInImage('kubelab/crasher', ['/crasher'], { env: { CRASH_AFTER_SECONDS: '0', EXIT_CODE: '42' } });
    expect(await run.running.exited).toBe(42);
  });
});

describe('pause', () => {
  it('waits until stopped, then exits 0', async () => {
    const run = startInImage('registry.k8s.io/pause:3.10', ['/pause']);
    await run.settle();
    run.clock.step(3_600_000);
    await run.settle();
    expect(run.running.usage()).toEqual({ cpuMillis: 0, memoryBytes: 240 * 1024 });
    run.stop();
    expect(await run.running.exited).toBe(0);
    expect(run.stderr()).toBe('Shutting down, got signal: Terminated\n');
  });
});

describe('polinux/stress', () => {
  it('uses the memory --vm-bytes asks for', async () => {
    const run = startInImage('polinux/stress', ['stress', '--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1']);
    await run.settle();
    expect(run.stdout()).toBe('stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n');
    expect(run.running.usage().memoryBytes).toBe(150_000_000 + 700 * 1024);
  });

  it('ends after --timeout with a success line', async () => {
    const run = startInImage('polinux/stress', ['stress', '--cpu', '2', '--timeout', '10s']);
    await run.settle();
    expect(run.running.usage().cpuMillis).toBe(2000);
    run.clock.step(10_000);
    expect(await run.running.exited).toBe(0);
    expect(run.stdout()).toContain('stress: info: [1] successful run completed in 10s\n');
  });
});
