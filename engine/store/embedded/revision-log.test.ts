import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../kv.ts';
import { RevisionLog } from './revision-log.ts';

function event(rev: number): WatchEvent {
  return {
    type: 'put',
    kv: { key: `k${rev}`, value: new Uint8Array(0), createRevision: rev, modRevision: rev, version: 1, lease: 0 },
  };
}

describe('RevisionLog', () => {
  it('holds consecutive revisions and forgets the ones before a cut', () => {
    const log = new RevisionLog(2);
    for (let rev = 2; rev < 3000; rev++) log.push(rev, [event(rev)]);
    log.dropBefore(2500);
    expect(log.first).toBe(2500);
    expect(log.next).toBe(3000);
    expect(log.get(2499)).toBeUndefined();
    expect(log.get(2500)?.[0]?.kv.key).toBe('k2500');
    expect(log.get(2999)?.[0]?.kv.key).toBe('k2999');
    expect(log.get(3000)).toBeUndefined();
  });

  it('refuses a revision out of sequence', () => {
    const log = new RevisionLog(2);
    expect(() => log.push(3, [event(3)])).toThrow(/expected revision 2/);
  });

  it('moves an empty log forward when cut past its end', () => {
    const log = new RevisionLog(2);
    log.push(2, [event(2)]);
    log.dropBefore(10);
    expect(log.first).toBe(3);
    expect(log.next).toBe(3);
  });
});
