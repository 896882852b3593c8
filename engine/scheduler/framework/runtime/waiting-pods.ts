// Pods held at Permit (runtime.waitingPod): each plugin that asked to wait must allow the pod before its timeout;
// one rejection, or a timeout, sends it back.

import type { Clock, Timer } from '../../../lab/clock.ts';
import type { Pod } from '../api-types.ts';
import type { WaitingPod } from '../interface.ts';
import { Status } from '../status.ts';

export class WaitingPodImpl implements WaitingPod {
  private readonly pending = new Map<string, Timer>();
  private settle: ((status: Status | null) => void) | undefined;
  /** Resolves with null when every plugin allowed the pod, with a rejection otherwise. */
  readonly result: Promise<Status | null>;

  constructor(
    readonly pod: Pod,
    waits: ReadonlyMap<string, number>,
    clock: Clock,
  ) {
    this.result = new Promise((resolve) => (this.settle = resolve));
    for (const [plugin, timeoutMs] of waits) {
      const timer = clock.setTimeout(
        () => this.reject(plugin, `rejected due to timeout after waiting ${timeoutMs / 1000}s at plugin ${plugin}`),
        timeoutMs,
      );
      this.pending.set(plugin, timer);
    }
  }

  allow(plugin: string): void {
    this.pending.get(plugin)?.cancel();
    this.pending.delete(plugin);
    if (this.pending.size === 0) this.finish(null);
  }

  reject(plugin: string, message: string): void {
    this.finish(new Status('Unschedulable', [message]).withPlugin(plugin));
  }

  private finish(status: Status | null): void {
    for (const timer of this.pending.values()) timer.cancel();
    this.pending.clear();
    const settle = this.settle;
    this.settle = undefined;
    settle?.(status);
  }
}
