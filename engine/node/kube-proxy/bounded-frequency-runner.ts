// async.BoundedFrequencyRunner on the lab clock: run() asks for a run of fn; runs happen at most `burst` at once and
// then one per minInterval (a token bucket), requests made meanwhile fold into one, and fn also runs every
// maxInterval. kube-proxy drives its syncs with it (--iptables-min-sync-period 1 s, burst 2).

import { TokenBucket } from '../../client/token-bucket.ts';
import type { Clock, Timer } from '../../lab/clock.ts';

export class BoundedFrequencyRunner {
  private readonly limiter: TokenBucket;
  private timer: Timer | undefined;
  private periodic: Timer | undefined;

  constructor(
    private readonly fn: () => void,
    private readonly clock: Clock,
    private readonly minIntervalMs: number,
    private readonly maxIntervalMs: number,
    burst: number,
  ) {
    this.limiter = new TokenBucket(1000 / minIntervalMs, burst, clock);
  }

  start(): void {
    this.periodic ??= this.clock.setInterval(() => this.run(), this.maxIntervalMs);
  }

  stop(): void {
    this.periodic?.cancel();
    this.timer?.cancel();
    this.periodic = this.timer = undefined;
  }

  /** Asks for a run as soon as the rate allows; several requests before it happens make one run. */
  run(): void {
    if (this.timer) return;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.limiter.tryAccept()) this.fn();
      else this.schedule(this.minIntervalMs);
    }, delayMs);
  }
}
