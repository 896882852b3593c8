// Pod IP addresses from the node's pod CIDR, as the host-local IPAM plugin hands them out behind a bridge: the
// first address is the bridge's (the pods' gateway), the last is broadcast, and allocation goes round-robin from
// the address after the last one handed out, so a just-freed address is not reused at once.

function toNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

function toIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export class IpAllocator {
  private readonly first: number;
  private readonly last: number;
  private readonly used = new Set<number>();
  private next: number;

  private constructor(first: number, last: number) {
    this.first = first;
    this.last = last;
    this.next = first;
  }

  /** An allocator for an IPv4 CIDR ("10.244.1.0/24"); undefined when it is not one or too small for pods. */
  static forCidr(cidr: string): IpAllocator | undefined {
    const [address = '', bits = ''] = cidr.split('/');
    const base = toNumber(address);
    const prefix = Number(bits);
    if (base === undefined || !/^\d+$/.test(bits) || prefix > 30) return undefined;
    const size = 2 ** (32 - prefix);
    const network = base - (base % size);
    return new IpAllocator(network + 2, network + size - 2);
  }

  /** The bridge address pods route through (the CIDR's first address). */
  get gateway(): string {
    return toIp(this.first - 1);
  }

  /** The next free address, or undefined when the range is exhausted. */
  allocate(): string | undefined {
    const count = this.last - this.first + 1;
    for (let i = 0; i < count; i++) {
      const candidate = this.next;
      this.next = candidate >= this.last ? this.first : candidate + 1;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return toIp(candidate);
      }
    }
    return undefined;
  }

  release(ip: string): void {
    const n = toNumber(ip);
    if (n !== undefined) this.used.delete(n);
  }
}
