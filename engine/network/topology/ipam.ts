// host-local IPAM for one node's pod CIDR, as the CNI host-local plugin allocates: from .2 (the gateway .1 belongs to
// the bridge), never the network or broadcast address, going round the range from the address after the last one
// handed out — so a just-freed address is not reused at once.

import { formatIPv4, parseIPv4 } from '../ip.ts';
import type { Cidr } from '../ip.ts';

export class HostLocalIpam {
  private readonly used = new Set<number>();
  private readonly first: number;
  private readonly last: number;
  private next: number;

  constructor(readonly range: Cidr) {
    this.first = range.base + 2;
    this.last = range.base + 2 ** (32 - range.prefix) - 2;
    this.next = this.first;
  }

  /** The gateway: the range's first address (`10.244.1.1`). */
  get gateway(): string {
    return formatIPv4(this.range.base + 1);
  }

  /** Takes `wanted` when given and free, else the next free address round the range; throws when it is exhausted. */
  allocate(wanted?: string): string {
    if (wanted !== undefined) {
      const ip = parseIPv4(wanted);
      if (ip === undefined || ip < this.first || ip > this.last)
        throw new Error(`${wanted} is not an assignable address of the range`);
      if (this.used.has(ip)) throw new Error(`${wanted} is already allocated`);
      this.used.add(ip);
      return wanted;
    }
    for (let i = this.first; i <= this.last; i++) {
      const candidate = this.next;
      this.next = candidate >= this.last ? this.first : candidate + 1;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return formatIPv4(candidate);
      }
    }
    throw new Error(`no IP addresses available in range set: ${formatIPv4(this.range.base)}/${this.range.prefix}`);
  }

  release(ip: string): void {
    const address = parseIPv4(ip);
    if (address !== undefined) this.used.delete(address);
  }
}
