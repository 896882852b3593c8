// Slow-start batching (replica_set.go slowStartBatch): run `count` calls of fn in batches of 1, 2, 4, 8… all calls of
// a batch at once, stopping after the first batch with a failure. A controller asked for a thousand pods that would
// all fail the same way (a quota, a bad template) sends a handful of requests, not a thousand.

/** Upstream's SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** Runs the batches; resolves with how many calls succeeded and the first error of the failing batch, if any. */
export async function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => Promise<void>,
): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let batchSize = Math.min(remaining, initialBatchSize); batchSize > 0;) {
    const results = await Promise.allSettled(Array.from({ length: batchSize }, () => fn()));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += batchSize - failures.length;
    if (failures.length > 0) return { successes, error: failures[0]!.reason };
    remaining -= batchSize;
    batchSize = Math.min(2 * batchSize, remaining);
  }
  return { successes };
}
