// The store's history in revision order: for every retained revision, the events of the transaction that made it,
// in the order it made them (puts as written, deletes as tombstones, each with the key's previous value). Watchers
// catch up from it, and snapshots save it. Revisions are dense: every revision from `first` to `last` has an entry.

import type { WatchEvent } from '../kv.ts';

const NO_EVENTS: readonly WatchEvent[] = [];

export class RevisionLog {
  private entries: (readonly WatchEvent[])[] = [];
  private head = 0;
  private firstRev: number;

  /** An empty log whose first entry will be for revision `nextRev`. */
  constructor(nextRev: number) {
    this.firstRev = nextRev;
  }

  /** The oldest revision held (equal to `next` when the log is empty). */
  get first(): number {
    return this.firstRev;
  }

  /** The revision the next entry must have. */
  get next(): number {
    return this.firstRev + this.entries.length - this.head;
  }

  push(rev: number, events: readonly WatchEvent[]): void {
    if (rev !== this.next) throw new Error(`revision log: expected revision ${this.next}, got ${rev}`);
    this.entries.push(events);
  }

  /** Replaces the events of a retained revision. */
  replace(rev: number, events: readonly WatchEvent[]): void {
    if (rev < this.firstRev || rev >= this.next) throw new Error(`revision log: revision ${rev} is not held`);
    this.entries[this.head + rev - this.firstRev] = events;
  }

  get(rev: number): readonly WatchEvent[] | undefined {
    if (rev < this.firstRev) return undefined;
    return this.entries[this.head + rev - this.firstRev];
  }

  /** Forgets every revision before `rev`. */
  dropBefore(rev: number): void {
    const drop = Math.min(rev, this.next) - this.firstRev;
    if (drop <= 0) return;
    for (let i = this.head; i < this.head + drop; i++) this.entries[i] = NO_EVENTS;
    this.head += drop;
    this.firstRev += drop;
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
