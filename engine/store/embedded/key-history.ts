// The retained versions of one key, oldest first. A put is a KeyValue; a delete is a tombstone: a KeyValue with
// createRevision 0, the deleting revision as modRevision and no value (what a delete watch event carries).
// Compaction at R keeps the newest version at or before R and everything after it; a tombstone older than R goes
// too, as in etcd's keyIndex (a tombstone at exactly R stays so a watch from R still sees the delete).

import type { KeyValue } from '../kv.ts';
import type { Keyed } from './sorted-index.ts';

export function isTombstone(kv: KeyValue): boolean {
  return kv.createRevision === 0;
}

/** Approximate bytes a version occupies, for StoreStatus.dbSize. */
export function kvBytes(kv: KeyValue): number {
  return kv.key.length + kv.value.length + 48;
}

export class KeyHistory implements Keyed {
  readonly versions: KeyValue[] = [];

  constructor(readonly key: string) {}

  get empty(): boolean {
    return this.versions.length === 0;
  }

  /** The key as it was at revision `rev`, or undefined if it did not exist then. */
  at(rev: number): KeyValue | undefined {
    const versions = this.versions;
    const last = versions[versions.length - 1];
    if (last === undefined) return undefined;
    if (last.modRevision <= rev) return isTombstone(last) ? undefined : last;
    const i = lastAtOrBefore(versions, rev);
    const kv = versions[i];
    return kv === undefined || isTombstone(kv) ? undefined : kv;
  }

  /** The key as it is now, or undefined if it is deleted. */
  latest(): KeyValue | undefined {
    const last = this.versions[this.versions.length - 1];
    return last === undefined || isTombstone(last) ? undefined : last;
  }

  append(kv: KeyValue): void {
    this.versions.push(kv);
  }

  /** Drops the versions compaction at `rev` no longer needs; returns the approximate bytes freed. */
  compact(rev: number): number {
    const versions = this.versions;
    let keepFrom = lastAtOrBefore(versions, rev);
    if (keepFrom < 0) return 0;
    const kept = versions[keepFrom]!;
    if (isTombstone(kept) && kept.modRevision < rev) keepFrom++;
    let freed = 0;
    for (let i = 0; i < keepFrom; i++) freed += kvBytes(versions[i]!);
    versions.splice(0, keepFrom);
    return freed;
  }
}

/** The index of the last version with modRevision <= rev, or -1. */
function lastAtOrBefore(versions: KeyValue[], rev: number): number {
  let lo = 0;
  let hi = versions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (versions[mid]!.modRevision <= rev) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
