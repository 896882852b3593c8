// Rate limiters on the lab clock (client-go flowcontrol): a token bucket that refills at qps up to burst tokens,
// starting full, and one that never accepts (what a rate of zero means: evictions stopped).

import type { Clock } from '../lab/clock.ts';

export interface RateLimiter {
  readonly qps: number;
  /** Takes a token if there is one. */
  tryAccept(): boolean;
}

export class TokenBucket implements RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  tryAccept(): boolean {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export const NEVER: RateLimiter = { qps: 0, tryAccept: () => false };

/** A limiter for `qps` (burst 1, as the node lifecycle controller's evictions use): NEVER for zero. */
export function evictionLimiter(qps: number, clock: Clock): RateLimiter {
  return qps > 0 ? new TokenBucket(qps, 1, clock) : NEVER;
}
