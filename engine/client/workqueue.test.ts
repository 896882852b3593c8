import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../lab/clock.ts';
import { WorkQueue, runWorkers } from './workqueue.ts';

describe('WorkQueue', () => {
  it('hands out a key once however often it was added while waiting', async () => {
    const queue = new WorkQueue(new VirtualClock(0), 'test');
    queue.add('a');
    queue.add('a');
    queue.add('b');
    expect(await queue.get()).toBe('a');
    expect(await queue.get()).toBe('b');
    expect(queue.length).toBe(0);
  });

  it('re-queues a key added while it was being processed, once it is done', async () => {
    const queue = new WorkQueue(new VirtualClock(0), 'test');
    queue.add('a');
    const key = await queue.get();
    queue.add('a');
    expect(queue.length).toBe(0);
    queue.done(key!);
    expect(await queue.get()).toBe('a');
  });

  it('backs off failed keys exponentially in virtual time', async () => {
    const clock = new VirtualClock(0);
    clock.setPaused(true);
    const queue = new WorkQueue(clock, 'test', { baseDelayMs: 10 });
    queue.addRateLimited('a');
    queue.addRateLimited('b');
    queue.addRateLimited('b');
    expect(queue.numRequeues('b')).toBe(2);
    clock.step(10);
    expect(queue.length).toBe(2);
    queue.forget('b');
    expect(queue.numRequeues('b')).toBe(0);
  });

  it('answers waiting workers with nothing once shut down', async () => {
    const queue = new WorkQueue(new VirtualClock(0), 'test');
    const waiting = queue.get();
    queue.shutDown();
    expect(await waiting).toBeUndefined();
  });
});

describe('runWorkers', () => {
  it('syncs every key and retries a failing one as told', async () => {
    const clock = new VirtualClock(0);
    const queue = new WorkQueue(clock, 'test');
    const seen: string[] = [];
    let failures = 1;
    runWorkers(
      queue,
      2,
      async (key) => {
        seen.push(key);
        if (key === 'flaky' && failures-- > 0) throw new Error('not yet');
      },
      () => ({ after: 'now' }),
    );
    queue.add('a');
    queue.add('flaky');
    await new Promise((r) => setTimeout(r, 10));
    queue.shutDown();
    expect(seen.sort()).toEqual(['a', 'flaky', 'flaky']);
  });

  describe('with pacing', () => {
    /** Keeps the event loop busy `ms` at a time. */
    const spin = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };

    /** Runs one worker whose syncs spin 100 ms, paced 20× (2 s), and says when each sync of `a` started. */
    function pacedRun() {
      const queue = new WorkQueue(new VirtualClock(0), 'test');
      const syncs: number[] = [];
      runWorkers(
        queue,
        1,
        async () => {
          syncs.push(performance.now());
          spin(100);
        },
        undefined,
        { factor: 20 },
      );
      return { queue, syncs };
    }

    it('holds a key back after a long sync while the process stays busy', async () => {
      const busy = setInterval(() => spin(45), 50);
      const { queue, syncs } = pacedRun();
      queue.add('a');
      await new Promise((r) => setTimeout(r, 0));
      queue.add('a');
      await new Promise((r) => setTimeout(r, 1000));
      clearInterval(busy);
      queue.shutDown();
      expect(syncs).toHaveLength(1);
    });

    it('lets the key go as soon as the process has time to spare', async () => {
      const { queue, syncs } = pacedRun();
      queue.add('a');
      await new Promise((r) => setTimeout(r, 0));
      queue.add('a');
      await new Promise((r) => setTimeout(r, 1000));
      queue.shutDown();
      expect(syncs).toHaveLength(2);
      expect(syncs[1]! - syncs[0]!).toBeLessThan(1000);
    });

    it('syncs a key with short syncs at most once per minIntervalMs while the process is busy', async () => {
      const busy = setInterval(() => spin(45), 50);
      const queue = new WorkQueue(new VirtualClock(0), 'test');
      let syncs = 0;
      runWorkers(queue, 1, async () => void syncs++, undefined, { factor: 1, minIntervalMs: () => 2000 });
      const adding = setInterval(() => queue.add('a'), 10);
      await new Promise((r) => setTimeout(r, 1000));
      clearInterval(adding);
      clearInterval(busy);
      queue.shutDown();
      expect(syncs).toBe(1);
    });

    it('does not hold a key with short syncs when the process is idle', async () => {
      const queue = new WorkQueue(new VirtualClock(0), 'test');
      let syncs = 0;
      runWorkers(queue, 1, async () => void syncs++, undefined, { factor: 1, minIntervalMs: () => 2000 });
      for (let i = 0; i < 5; i++) {
        queue.add('a');
        await new Promise((r) => setTimeout(r, 200));
      }
      queue.shutDown();
      expect(syncs).toBe(5);
    });
  });
});
