// Test support: retries a check (a kubectl call) in real time until its result is what a test waits for, and
// returns the last result either way, so the assertion that follows shows what was there.

export async function eventually<T>(fn: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
