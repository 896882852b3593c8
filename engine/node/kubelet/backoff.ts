// Exponential back-off per key, as client-go's flowcontrol.Backoff the kubelet uses for crashing containers and
// failing image pulls: the first failure waits the initial delay, each further one twice as long up to the maximum,
// and an entry untouched for twice the maximum (ten minutes for 10 s…5 min) starts over. Times are lab ms.

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}

  /** The current delay of the key (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /** Records a failure at `now`: the delay starts at the initial value or doubles. */
  next(key: string, now: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(now, entry.lastUpdate)) {
      this.entries.set(key, { backoff: this.initialMs, lastUpdate: now });
      return;
    }
    entry.backoff = Math.min(entry.backoff * 2, this.maxMs);
    entry.lastUpdate = now;
  }

  /** Whether an event at `eventTime` (e.g. the container's exit) is still within the key's delay at `now`. */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(eventTime, entry.lastUpdate)) return false;
    return now - eventTime < entry.backoff;
  }

  /** Whether the key is within its delay counted from its last update. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(now, entry.lastUpdate)) return false;
    return now - entry.lastUpdate < entry.backoff;
  }

  /** When the key's delay counted from `since` ends. */
  expiry(key: string, since: number): number {
    return since + this.get(key);
  }

  /** Lab time of the key's last update, if it has one. */
  lastUpdate(key: string): number | undefined {
    return this.entries.get(key)?.lastUpdate;
  }

  /** Forgets a key (its pod is gone). */
  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Drops entries that have expired by `now`. */
  gc(now: number): void {
    for (const [key, entry] of this.entries) if (this.hasExpired(now, entry.lastUpdate)) this.entries.delete(key);
  }

  private hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.maxMs * 2;
  }
}
