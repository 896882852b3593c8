// A routing table with longest-prefix match: one map per prefix length, searched from the longest, so a lookup costs
// one map probe per distinct prefix length whatever the number of routes.

import type { NetDevice } from './device.ts';
import { formatCidr, prefixMask } from './ip.ts';
import type { Cidr } from './ip.ts';

export interface Route {
  /** `local` routes (table local) deliver to this namespace; `unicast` ones leave by `dev`. */
  type: 'unicast' | 'local';
  dst: Cidr;
  dev: NetDevice;
  /** The gateway; absent for a directly connected destination. */
  via?: number;
  /** The preferred source address. */
  src?: number;
  /** The gateway is taken as directly reachable on `dev` even outside its subnets. */
  onlink?: boolean;
  proto: 'kernel' | 'boot' | 'static';
  scope: 'host' | 'link' | 'global';
}

interface PrefixLevel {
  prefix: number;
  mask: number;
  routes: Map<number, Route>;
}

export class RouteTable {
  /** Longest prefix first. */
  private levels: PrefixLevel[] = [];

  /** Adds the route; throws as `ip route add` does when one to the same destination exists. */
  add(route: Route): void {
    let level = this.levels.find((candidate) => candidate.prefix === route.dst.prefix);
    if (level === undefined) {
      level = { prefix: route.dst.prefix, mask: prefixMask(route.dst.prefix), routes: new Map() };
      this.levels = [...this.levels, level].sort((a, b) => b.prefix - a.prefix);
    }
    if (level.routes.has(route.dst.base)) throw new Error(`RTNETLINK answers: File exists (${formatCidr(route.dst)})`);
    level.routes.set(route.dst.base, route);
  }

  /** Removes the route to `dst`; whether there was one. */
  delete(dst: Cidr): boolean {
    const level = this.levels.find((candidate) => candidate.prefix === dst.prefix);
    return level !== undefined && level.routes.delete(dst.base);
  }

  /** Removes every route through `dev` (the device went away). */
  deleteDevice(dev: NetDevice): void {
    for (const level of this.levels)
      for (const [base, route] of level.routes) if (route.dev === dev) level.routes.delete(base);
  }

  /** The most specific route to `ip`. */
  lookup(ip: number): Route | undefined {
    for (const level of this.levels) {
      const route = level.routes.get((ip & level.mask) >>> 0);
      if (route !== undefined) return route;
    }
    return undefined;
  }

  /** Every route, in the kernel's listing order (by destination address, then prefix length). */
  list(): Route[] {
    const routes = this.levels.flatMap((level) => [...level.routes.values()]);
    return routes.sort((a, b) => a.dst.base - b.dst.base || a.dst.prefix - b.dst.prefix);
  }
}
