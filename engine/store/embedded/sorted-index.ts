// An ordered set of keyed items that stays cheap at 100,000+ keys: items live in sorted chunks of bounded size (a
// one-level B-tree), so inserting a new key moves at most one chunk's worth of entries, and a range scan is a binary
// search followed by a walk.

export interface Keyed {
  readonly key: string;
}

const MAX_CHUNK = 512;
const MIN_CHUNK = MAX_CHUNK / 4;

export class SortedIndex<T extends Keyed> {
  private chunks: T[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds an item whose key is not in the index yet. */
  insert(item: T): void {
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      return;
    }
    const c = this.chunkFor(item.key);
    const chunk = this.chunks[c]!;
    chunk.splice(lowerBound(chunk, item.key), 0, item);
    if (chunk.length > MAX_CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(MAX_CHUNK / 2));
  }

  /** Removes the item with this key; returns whether there was one. */
  remove(key: string): boolean {
    if (this.chunks.length === 0) return false;
    const c = this.chunkFor(key);
    const chunk = this.chunks[c]!;
    const i = lowerBound(chunk, key);
    if (chunk[i]?.key !== key) return false;
    chunk.splice(i, 1);
    this.count--;
    if (chunk.length === 0) this.chunks.splice(c, 1);
    else if (chunk.length < MIN_CHUNK) this.mergeWithNext(c);
    return true;
  }

  /**
   * Calls `visit` for every item with start <= key < end (no upper bound when end is null), in key order, until
   * `visit` returns false.
   */
  forEach(start: string, end: string | null, visit: (item: T) => boolean | void): void {
    if (this.chunks.length === 0) return;
    const first = this.chunkFor(start);
    for (let c = first; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      for (let i = c === first ? lowerBound(chunk, start) : 0; i < chunk.length; i++) {
        const item = chunk[i]!;
        if (end !== null && item.key >= end) return;
        if (visit(item) === false) return;
      }
    }
  }

  /** The chunk that holds `key` or would hold it: the last chunk whose first key is <= key (or the first chunk). */
  private chunkFor(key: string): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.chunks[mid]![0]!.key <= key) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private mergeWithNext(c: number): void {
    const chunk = this.chunks[c]!;
    const next = this.chunks[c + 1];
    if (!next || chunk.length + next.length > MAX_CHUNK) return;
    chunk.push(...next);
    this.chunks.splice(c + 1, 1);
  }
}

/** The first position in a sorted chunk whose key is >= key. */
function lowerBound<T extends Keyed>(chunk: T[], key: string): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (chunk[mid]!.key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
