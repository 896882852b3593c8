import { describe, expect, it } from 'vitest';
import { slowStartBatch } from './slow-start.ts';

describe('slow-start batches', () => {
  const cases = [
    { name: 'run in batches of 1, 2, 4… until all are done', count: 10, failAt: undefined, successes: 10, calls: 10 },
    { name: 'stop after the batch in which a call fails', count: 10, failAt: 2, successes: 2, calls: 3 },
    { name: 'a failing first call stops everything', count: 500, failAt: 1, successes: 0, calls: 1 },
    { name: 'nothing runs for a count of zero', count: 0, failAt: undefined, successes: 0, calls: 0 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      let calls = 0;
      const result = await slowStartBatch(c.count, 1, async () => {
        calls++;
        if (calls === c.failAt) throw new Error('quota');
      });
      expect(result.successes).toBe(c.successes);
      expect(calls).toBe(c.calls);
      expect(result.error !== undefined).toBe(c.failAt !== undefined);
    });
  }
});
