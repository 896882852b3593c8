// The IPVS schedulers kube-proxy offers, as the kernel's ip_vs_rr, ip_vs_wrr, ip_vs_lc and ip_vs_sh pick a real
// server: round robin, weighted round robin, least connections, and source hashing. Real servers with weight 0 get
// no new connections.

export type IpvsSchedulerName = 'rr' | 'wrr' | 'lc' | 'sh';

export const IPVS_SCHEDULERS: readonly IpvsSchedulerName[] = ['rr', 'wrr', 'lc', 'sh'];

/** What a scheduler sees of a real server. */
export interface SchedulableServer {
  weight: number;
  activeConn: number;
  inactiveConn: number;
}

export interface IpvsScheduler {
  /** The real server for a new connection from `client` (the address as a number), or undefined. */
  pick<T extends SchedulableServer>(servers: readonly T[], client: number): T | undefined;
}

class RoundRobin implements IpvsScheduler {
  private last = -1;

  pick<T extends SchedulableServer>(servers: readonly T[]): T | undefined {
    for (let step = 1; step <= servers.length; step++) {
      const index = (this.last + step) % servers.length;
      if (servers[index]!.weight > 0) {
        this.last = index;
        return servers[index];
      }
    }
    return undefined;
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** ip_vs_wrr: walks the list over and over, lowering the current weight by the weights' gcd on each lap. */
class WeightedRoundRobin implements IpvsScheduler {
  private index = -1;
  private currentWeight = 0;

  pick<T extends SchedulableServer>(servers: readonly T[]): T | undefined {
    const weights = servers.map((server) => server.weight);
    const max = Math.max(0, ...weights);
    if (max === 0) return undefined;
    const step = weights.filter((w) => w > 0).reduce(gcd);
    for (let tries = 0; tries <= servers.length * (max / step + 1); tries++) {
      this.index = (this.index + 1) % servers.length;
      if (this.index === 0) {
        this.currentWeight -= step;
        if (this.currentWeight <= 0) this.currentWeight = max;
      }
      if (servers[this.index]!.weight >= this.currentWeight) return servers[this.index];
    }
    return undefined;
  }
}

/** ip_vs_lc: the fewest connections, active ones weighing 256 inactive ones; the first on a tie. */
class LeastConnection implements IpvsScheduler {
  pick<T extends SchedulableServer>(servers: readonly T[]): T | undefined {
    let best: T | undefined;
    let bestOverhead = Infinity;
    for (const server of servers) {
      if (server.weight <= 0) continue;
      const overhead = server.activeConn * 256 + server.inactiveConn;
      if (overhead < bestOverhead) {
        best = server;
        bestOverhead = overhead;
      }
    }
    return best;
  }
}

const SH_TAB_BITS = 8;
const SH_TAB_SIZE = 1 << SH_TAB_BITS;
const GOLDEN_RATIO_32 = 0x61c88647;

/** ip_vs_sh: 256 buckets dealt out to the servers in turn, each taking as many as its weight; a client's bucket is a hash of its address. */
class SourceHash implements IpvsScheduler {
  pick<T extends SchedulableServer>(servers: readonly T[], client: number): T | undefined {
    if (servers.length === 0) return undefined;
    const bucket = Math.imul(client, GOLDEN_RATIO_32) >>> (32 - SH_TAB_BITS);
    let server = 0;
    let dealt = 0;
    for (let i = 0; i < SH_TAB_SIZE; i++) {
      const owner = servers[server]!;
      if (i === bucket) return owner.weight > 0 ? owner : undefined;
      if (++dealt >= owner.weight) {
        server = (server + 1) % servers.length;
        dealt = 0;
      }
    }
    return undefined;
  }
}

export function createScheduler(name: IpvsSchedulerName): IpvsScheduler {
  switch (name) {
    case 'rr':
      return new RoundRobin();
    case 'wrr':
      return new WeightedRoundRobin();
    case 'lc':
      return new LeastConnection();
    case 'sh':
      return new SourceHash();
  }
}
