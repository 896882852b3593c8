// The store benchmark's workload, the same for every backend: concurrent writers putting ConfigMap-like JSON values
// of a fixed size under /registry/configmaps/bench/, each put timed from request to acknowledgement, and a watcher
// that counts the events it is delivered.

import { performance } from 'node:perf_hooks';
import { prefixEnd, type KV, type Watcher } from '../../engine/store/kv.ts';

export const benchPrefix = '/registry/configmaps/bench/';

export interface PutWorkload {
  /** Puts in all, shared out among the writers. */
  puts: number;
  /** Writers, each with one put in flight at a time. */
  writers: number;
  /** Distinct keys the puts cycle through. */
  keys: number;
  /** The values, used in turn; all the same size. */
  values: Uint8Array[];
}

export interface PutResult {
  puts: number;
  seconds: number;
  putsPerSec: number;
  /** Acknowledgement latency percentiles in milliseconds. */
  p50Ms: number;
  p99Ms: number;
}

/** `count` distinct ConfigMap-like JSON documents of exactly `bytes` bytes each. */
export function configMapValues(count: number, bytes: number): Uint8Array[] {
  const encoder = new TextEncoder();
  return Array.from({ length: count }, (_, i) => {
    const head = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bench-${i}","namespace":"bench"},"data":{"payload":"`;
    const tail = '"}}';
    const fill = Math.max(0, bytes - head.length - tail.length);
    const payload = Array.from({ length: fill }, (_, j) => String.fromCharCode(97 + ((i + j) % 26))).join('');
    return encoder.encode(head + payload + tail);
  });
}

export function benchKey(index: number): string {
  return `${benchPrefix}cm-${index}`;
}

/** Runs the puts and measures acknowledged puts per second. */
export async function runPuts(kv: KV, workload: PutWorkload): Promise<PutResult> {
  const latencies: number[] = [];
  let next = 0;
  const writer = async (): Promise<void> => {
    while (next < workload.puts) {
      const index = next++;
      const value = workload.values[index % workload.values.length] ?? new Uint8Array();
      const started = performance.now();
      await kv.put(benchKey(index % workload.keys), value);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: workload.writers }, writer));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    puts: workload.puts,
    seconds,
    putsPerSec: workload.puts / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

/** A watcher on the bench prefix from `startRevision` that counts events and can be awaited for a count. */
export function countEvents(
  kv: KV,
  startRevision: number,
): { events(): number; until(count: number): Promise<void>; watcher: Watcher } {
  let events = 0;
  let failure: Error | undefined;
  let waiting: { count: number; resolve: () => void; reject: (error: Error) => void } | undefined;
  const settle = (): void => {
    if (!waiting) return;
    if (failure) waiting.reject(failure);
    else if (events >= waiting.count) waiting.resolve();
    else return;
    waiting = undefined;
  };
  const watcher = kv.watch(
    benchPrefix,
    { end: prefixEnd(benchPrefix), startRevision },
    {
      onEvents: (batch) => {
        events += batch.length;
        settle();
      },
      onError: (error) => {
        failure = error;
        settle();
      },
    },
  );
  return {
    events: () => events,
    until: (count) =>
      new Promise((resolve, reject) => {
        waiting = { count, resolve, reject };
        settle();
      }),
    watcher,
  };
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}
