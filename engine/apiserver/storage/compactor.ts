// Compaction of the store's history, as kube-apiserver's compactor does for etcd: every interval it compacts up to
// the revision it saw one interval earlier, so watches can resume within that window and history stays bounded.
// Another API server sharing the store may have compacted already; that is not an error.

import type { KV } from '../../store/kv.ts';
import { CompactedError } from '../../store/kv.ts';

export const COMPACTION_INTERVAL_MS = 5 * 60 * 1000;

export class Compactor {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastSeen = 0;

  constructor(
    private readonly kv: KV,
    private readonly intervalMs = COMPACTION_INTERVAL_MS,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Compacts up to the revision seen at the previous tick, and remembers the current one. */
  async tick(): Promise<void> {
    const current = (await this.kv.range('/registry/compact_rev_key', { countOnly: true })).revision;
    const target = this.lastSeen;
    this.lastSeen = current;
    if (target <= 0) return;
    try {
      await this.kv.compact(target);
    } catch (error) {
      if (!(error instanceof CompactedError)) throw error;
    }
  }
}
