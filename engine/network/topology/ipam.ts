// host-local IPAM for one node's pod CIDR: the lowest free address from .2 (the gateway .1 belongs to the bridge),
// never the network or broadcast address.

import { formatIPv4, parseIPv4 } from '../ip.ts';
import type { Cidr } from '../ip.ts';

export class HostLocalIpam {
  private readonly used = new Set<number>();

  constructor(readonly range: Cidr) {}

  /** The gateway: the range's first address (`10.244.1.1`). */
  get gateway(): string {
    return formatIPv4(this.range.base + 1);
  }

  /** Takes `wanted` when given and free, else the lowest free address; throws when the range is exhausted. */
  allocate(wanted?: string): string {
    if (wanted !== undefined) {
      const ip = parseIPv4(wanted);
      if (ip === undefined || !this.assignable(ip))
        throw new Error(`${wanted} is not an assignable address of the range`);
      if (this.used.has(ip)) throw new Error(`${wanted} is already allocated`);
      this.used.add(ip);
      return wanted;
    }
    const size = 2 ** (32 - this.range.prefix);
    for (let offset = 2; offset < size - 1; offset++) {
      const ip = this.range.base + offset;
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return formatIPv4(ip);
      }
    }
    throw new Error(`no IP addresses available in range set: ${formatIPv4(this.range.base)}/${this.range.prefix}`);
  }

  release(ip: string): void {
    const address = parseIPv4(ip);
    if (address !== undefined) this.used.delete(address);
  }

  private assignable(ip: number): boolean {
    const size = 2 ** (32 - this.range.prefix);
    return ip > this.range.base + 1 && ip < this.range.base + size - 1;
  }
}
