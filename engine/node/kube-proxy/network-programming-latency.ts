// kubeproxy_network_programming_duration_seconds: for every Service / EndpointSlice change, the time from the change
// (the slice's endpoints.kubernetes.io/last-change-trigger-time, else when kube-proxy saw it) to the sync that put
// it into the rules, observed on the lab clock into upstream's buckets.

/** Upstream's buckets: 0.25 s steps to 0.5, 1 s steps to 59, 5 s steps to 115, 30 s steps to 300. */
export const NETWORK_PROGRAMMING_BUCKETS: readonly number[] = [
  0.25,
  0.5,
  ...Array.from({ length: 59 }, (_, i) => i + 1),
  ...Array.from({ length: 12 }, (_, i) => 60 + i * 5),
  ...Array.from({ length: 7 }, (_, i) => 120 + i * 30),
];

export class Histogram {
  /** Observations at or below each bucket bound (cumulative, as Prometheus reports them). */
  readonly counts: number[];
  count = 0;
  sum = 0;

  constructor(readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.count++;
    this.sum += value;
    this.buckets.forEach((bound, i) => {
      if (value <= bound) this.counts[i] = (this.counts[i] ?? 0) + 1;
    });
  }
}

/** Pending change times per Service ("namespace/name"), handed to the histogram when a sync lands them. */
export class ChangeTriggerTimes {
  private readonly pending = new Map<string, number[]>();

  record(service: string, at: number): void {
    const times = this.pending.get(service);
    if (times) times.push(at);
    else this.pending.set(service, [at]);
  }

  /** Observes every pending change as programmed at `now` and forgets them. */
  flush(now: number, histogram: Histogram): void {
    for (const times of this.pending.values()) for (const at of times) histogram.observe(Math.max(0, now - at) / 1000);
    this.pending.clear();
  }
}

/** The slice's last-change-trigger-time annotation in ms, if it has a valid one. */
export function lastChangeTriggerTime(annotations: Record<string, string> | undefined): number | undefined {
  const value = annotations?.['endpoints.kubernetes.io/last-change-trigger-time'];
  const ms = value ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}
