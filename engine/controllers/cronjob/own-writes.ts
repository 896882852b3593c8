// The CronJob controller's own status writes, remembered until its informer shows them. In-process watches deliver
// a write a moment after it returns, so a sync right behind another could act on the CronJob as it was before — and
// record its events ("Saw completed job…") twice. A sync that finds the cache older than its own last write skips;
// the watch event of that write brings the key back.

import type { KubeObject } from '../../api/object.ts';

function revisionOf(obj: KubeObject): number {
  return Number(obj.metadata.resourceVersion ?? 0);
}

export class OwnWrites {
  private readonly written = new Map<string, number>();

  record(key: string, written: KubeObject): void {
    this.written.set(key, revisionOf(written));
  }

  /** Whether the cached object is older than the last write of it; forgets the write once the cache has it. */
  isBehind(key: string, cached: KubeObject): boolean {
    const written = this.written.get(key);
    if (written === undefined) return false;
    if (revisionOf(cached) < written) return true;
    this.written.delete(key);
    return false;
  }

  forget(key: string): void {
    this.written.delete(key);
  }
}
