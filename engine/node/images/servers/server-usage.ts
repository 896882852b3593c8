// Resource use of a server process: a steady base (varied a little per container so that pods do not all look
// alike) plus CPU for the requests of the last second of lab time.

import type { Clock } from '../../../lab/clock.ts';
import type { Usage } from '../process/command.ts';

export interface ServerUsage {
  /** Counts a request served now. */
  request(): void;
  usage(): Usage;
}

/** A number in [0, 1) derived from a string (the hostname). */
export function spread(seed: string): number {
  let hash = 2166136261;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 16777619) >>> 0;
  return hash / 4294967296;
}

export function serverUsage(clock: Clock, seed: string, base: Usage, millisPerRequest = 0.5): ServerUsage {
  const variation = spread(seed);
  const memoryBytes = Math.round(base.memoryBytes * (0.9 + variation * 0.2));
  let second = 0;
  let requests = 0;
  return {
    request() {
      const now = Math.floor(clock.now() / 1000);
      if (now !== second) {
        second = now;
        requests = 0;
      }
      requests++;
    },
    usage() {
      const recent = Math.floor(clock.now() / 1000) - second <= 1 ? requests : 0;
      return { cpuMillis: base.cpuMillis + Math.round(recent * millisPerRequest), memoryBytes };
    },
  };
}
