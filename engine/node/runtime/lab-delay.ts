// Waiting in lab time: a promise that resolves after `ms` of the clock, or at once (without a timer) for zero.

import type { Clock } from '../../lab/clock.ts';

export function labDelay(clock: Clock, ms: number): Promise<void> {
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
