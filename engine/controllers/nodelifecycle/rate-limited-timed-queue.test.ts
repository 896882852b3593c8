import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import { RateLimitedTimedQueue } from './rate-limited-timed-queue.ts';
import { evictionLimiter } from '../../client/token-bucket.ts';

function setup(qps: number) {
  const clock = new VirtualClock(0);
  clock.setPaused(true);
  const queue = new RateLimitedTimedQueue(evictionLimiter(qps, clock), clock);
  const processed: string[] = [];
  const drain = () =>
    queue.try(async ({ value }) => {
      processed.push(value);
      return { done: true };
    });
  return { clock, queue, processed, drain };
}

describe('RateLimitedTimedQueue', () => {
  it('processes one node per token: 0.1 per second lets one through every 10 s', async () => {
    const { clock, queue, processed, drain } = setup(0.1);
    for (const name of ['a', 'b', 'c']) queue.add(name, name);
    await drain();
    expect(processed).toEqual(['a']);
    clock.step(5000);
    await drain();
    expect(processed).toEqual(['a']);
    clock.step(5000);
    await drain();
    expect(processed).toEqual(['a', 'b']);
  });

  it('processes nothing at a rate of zero', async () => {
    const { queue, processed, drain } = setup(0);
    queue.add('a', 'a');
    await drain();
    expect(processed).toEqual([]);
  });

  it('queues a processed node again only after it was removed', async () => {
    const { clock, queue, processed, drain } = setup(10);
    queue.add('a', 'a');
    await drain();
    expect(queue.add('a', 'a')).toBe(false);
    expect(queue.remove('a')).toBe(true);
    expect(queue.add('a', 'a')).toBe(true);
    clock.step(1000);
    await drain();
    expect(processed).toEqual(['a', 'a']);
  });

  it('retries a failed node after the delay it asks for', async () => {
    const { clock, queue, drain } = setup(100);
    let attempts = 0;
    queue.add('a', 'a');
    const tryOnce = () =>
      queue.try(async () => {
        attempts++;
        return attempts === 1 ? { done: false, retryAfterMs: 500 } : { done: true };
      });
    await tryOnce();
    expect(attempts).toBe(1);
    clock.step(400);
    await tryOnce();
    expect(attempts).toBe(1);
    clock.step(200);
    await tryOnce();
    expect(attempts).toBe(2);
    await drain();
    expect(queue.length).toBe(0);
  });
});
