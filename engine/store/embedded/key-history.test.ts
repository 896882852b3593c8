import { describe, expect, it } from 'vitest';
import type { KeyValue } from '../kv.ts';
import { KeyHistory } from './key-history.ts';

function put(modRevision: number, createRevision: number, version: number): KeyValue {
  return { key: 'k', value: new Uint8Array([version]), createRevision, modRevision, version, lease: 0 };
}

function tombstone(modRevision: number): KeyValue {
  return { key: 'k', value: new Uint8Array(0), createRevision: 0, modRevision, version: 0, lease: 0 };
}

/** put(2) put(3) delete(4) put(6) delete(8): the example of etcd's keyIndex doc comment, shifted. */
function sample(): KeyHistory {
  const history = new KeyHistory('k');
  for (const kv of [put(2, 2, 1), put(3, 2, 2), tombstone(4), put(6, 6, 1), tombstone(8)]) history.append(kv);
  return history;
}

describe('KeyHistory', () => {
  it.each([
    [1, undefined],
    [2, 2],
    [3, 3],
    [4, undefined],
    [5, undefined],
    [6, 6],
    [7, 6],
    [8, undefined],
    [100, undefined],
  ])('at revision %i reads the version written at %s', (rev, expected) => {
    expect(sample().at(rev)?.modRevision).toBe(expected);
  });

  it.each([
    { rev: 1, kept: [2, 3, 4, 6, 8] },
    { rev: 3, kept: [3, 4, 6, 8] },
    { rev: 4, kept: [4, 6, 8], note: 'a tombstone at exactly the compacted revision stays' },
    { rev: 5, kept: [6, 8], note: 'an older tombstone goes' },
    { rev: 7, kept: [6, 8] },
    { rev: 8, kept: [8] },
    { rev: 9, kept: [] },
  ])('compaction at $rev keeps the versions $kept', ({ rev, kept }) => {
    const history = sample();
    history.compact(rev);
    expect(history.versions.map((kv) => kv.modRevision)).toEqual(kept);
  });

  it('reports its latest version unless the key is deleted', () => {
    const history = sample();
    expect(history.latest()).toBeUndefined();
    history.append(put(9, 9, 1));
    expect(history.latest()?.modRevision).toBe(9);
  });
});
