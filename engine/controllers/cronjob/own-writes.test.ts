import { describe, expect, it } from 'vitest';
import { OwnWrites } from './own-writes.ts';

const at = (resourceVersion: string) => ({ metadata: { resourceVersion } });

describe('the own writes of a controller', () => {
  it('holds a sync back while the cache is older than the last write, and lets it go once the cache has it', () => {
    const writes = new OwnWrites();
    writes.record('default/tick', at('120'));
    expect(writes.isBehind('default/tick', at('119'))).toBe(true);
    expect(writes.isBehind('default/other', at('1'))).toBe(false);
    expect(writes.isBehind('default/tick', at('120'))).toBe(false);
    // Once the cache has caught up, the write is forgotten.
    expect(writes.isBehind('default/tick', at('100'))).toBe(false);
  });

  it('forgets the write of a deleted object', () => {
    const writes = new OwnWrites();
    writes.record('default/tick', at('7'));
    writes.forget('default/tick');
    expect(writes.isBehind('default/tick', at('3'))).toBe(false);
  });
});
