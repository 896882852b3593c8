import { describe, expect, it } from 'vitest';
import { isUnsentRequestError, unsentRequestRetry } from './retry-policy.ts';

describe('isUnsentRequestError', () => {
  it.each([
    {
      message: '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:2379',
      unsent: true,
    },
    { message: '14 UNAVAILABLE: etcdserver: no leader', unsent: true },
    { message: '14 UNAVAILABLE: etcdserver: leader changed', unsent: true },
    { message: '8 RESOURCE_EXHAUSTED: etcdserver: too many requests', unsent: true },
    { message: '14 UNAVAILABLE: Connection dropped', unsent: false },
    { message: '14 UNAVAILABLE: etcdserver: request timed out', unsent: false },
    { message: '4 DEADLINE_EXCEEDED: Deadline exceeded', unsent: false },
  ])('"$message" is safe to send again: $unsent', ({ message, unsent }) => {
    expect(isUnsentRequestError(new Error(message))).toBe(unsent);
  });
});

describe('unsentRequestRetry', () => {
  it('tries a request again while it was surely not sent, up to the attempt limit', async () => {
    let calls = 0;
    const policy = unsentRequestRetry(3);
    await expect(
      policy.execute(() => {
        calls++;
        throw new Error('No connection established');
      }),
    ).rejects.toThrow('No connection established');
    expect(calls).toBe(3);
  });

  it('returns the first success', async () => {
    let calls = 0;
    const policy = unsentRequestRetry(3);
    const result = await policy.execute(() => {
      calls++;
      if (calls === 1) throw new Error('etcdserver: no leader');
      return 'ok';
    });
    expect([result, calls]).toEqual(['ok', 2]);
  });

  it('never repeats a request that may have been applied', async () => {
    let calls = 0;
    const policy = unsentRequestRetry(3);
    await expect(
      policy.execute(() => {
        calls++;
        throw new Error('etcdserver: request timed out');
      }),
    ).rejects.toThrow('request timed out');
    expect(calls).toBe(1);
  });
});
