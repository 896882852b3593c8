// The back-off between deletions of failed daemon pods on one node (flowcontrol.Backoff, 1 s doubling to 15 min): a
// kubelet that keeps rejecting a daemon pod would otherwise make the controller delete and recreate it in a tight
// loop. Entries idle for twice the maximum start over.

const INITIAL_MS = 1000;
const MAX_MS = 15 * 60_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class FailedPodsBackoff {
  private readonly entries = new Map<string, Entry>();

  /** The current back-off of the key (ms), 0 if none. */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /** IsInBackOffSinceUpdate: whether less than the back-off has passed since the key last moved on. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && now - entry.lastUpdate < entry.backoff;
  }

  /** Next: starts the back-off of the key, or doubles it. */
  next(key: string, now: number): void {
    const entry = this.entries.get(key);
    if (!entry || now - entry.lastUpdate > 2 * MAX_MS) {
      this.entries.set(key, { backoff: INITIAL_MS, lastUpdate: now });
    } else {
      entry.backoff = Math.min(entry.backoff * 2, MAX_MS);
      entry.lastUpdate = now;
    }
    for (const [k, e] of this.entries) if (now - e.lastUpdate > 2 * MAX_MS) this.entries.delete(k);
  }
}
