// The lab's pool of load-balancer addresses — what a cloud (or MetalLB on a kind cluster) hands a LoadBalancer
// Service: by default 172.18.255.200–250, on the node network's /16 like kind's MetalLB example.

import { formatIPv4, parseCidr, parseIPv4 } from '../../network/ip.ts';

export const DEFAULT_LOAD_BALANCER_POOL = '172.18.255.200-172.18.255.250';

export class AddressPool {
  private constructor(
    readonly spec: string,
    private readonly first: number,
    private readonly last: number,
  ) {}

  /** A range `a.b.c.d-e.f.g.h` or a CIDR (its network and broadcast addresses left out). */
  static parse(spec: string): AddressPool {
    const [from, to] = spec.split('-');
    if (to !== undefined) {
      const first = parseIPv4(from ?? '');
      const last = parseIPv4(to);
      if (first !== undefined && last !== undefined && first <= last) return new AddressPool(spec, first, last);
    } else {
      const cidr = parseCidr(spec);
      if (cidr && cidr.prefix <= 30)
        return new AddressPool(spec, cidr.base + 1, cidr.base + 2 ** (32 - cidr.prefix) - 2);
    }
    throw new Error(`invalid load-balancer address pool "${spec}": want FIRST-LAST or a CIDR`);
  }

  contains(ip: string): boolean {
    const value = parseIPv4(ip);
    return value !== undefined && value >= this.first && value <= this.last;
  }

  /** The lowest address of the pool not in `used`, or undefined when every one is taken. */
  firstFree(used: ReadonlySet<string>): string | undefined {
    for (let value = this.first; value <= this.last; value++) {
      const ip = formatIPv4(value);
      if (!used.has(ip)) return ip;
    }
    return undefined;
  }
}
