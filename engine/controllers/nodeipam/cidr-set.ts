// The CIDR set of the node IPAM range allocator (pkg/controller/nodeipam/ipam/cidrset): the cluster's pod range cut
// into equal subnets (/24s of 10.244.0.0/16 by default), handed out round-robin from after the last one given,
// marked used when nodes already have them, and given back when nodes go.

function ipToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    n = n * 256 + Number(part);
  }
  return n;
}

function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** An IPv4 CIDR as its first address and prefix length; throws for anything else. */
export function parseCIDR(cidr: string): { base: number; prefix: number } {
  const [ip = '', bits = ''] = cidr.split('/');
  const address = ipToNumber(ip);
  const prefix = /^\d{1,2}$/.test(bits) ? Number(bits) : NaN;
  if (address === undefined || !(prefix >= 0 && prefix <= 32)) throw new Error(`invalid CIDR address: ${cidr}`);
  const size = 2 ** (32 - prefix);
  return { base: address - (address % size), prefix };
}

export class CidrSet {
  private readonly base: number;
  private readonly clusterPrefix: number;
  private readonly maxCIDRs: number;
  private readonly used: Uint8Array;
  private nextCandidate = 0;
  private allocated = 0;

  constructor(
    private readonly clusterCIDR: string,
    private readonly subnetMaskSize: number,
  ) {
    const { base, prefix } = parseCIDR(clusterCIDR);
    if (subnetMaskSize < prefix || subnetMaskSize > 32) {
      throw new Error(`subnet mask size ${subnetMaskSize} does not fit the cluster CIDR ${clusterCIDR}`);
    }
    if (subnetMaskSize - prefix > 16) {
      throw new Error('CIDRSet: subnet mask size is too big compared to the cluster CIDR mask size');
    }
    this.base = base;
    this.clusterPrefix = prefix;
    this.maxCIDRs = 2 ** (subnetMaskSize - prefix);
    this.used = new Uint8Array(this.maxCIDRs);
  }

  /** How many subnets are in use. */
  get size(): number {
    return this.allocated;
  }

  /** The next free subnet, searching round-robin from after the last one allocated. */
  allocateNext(): string {
    if (this.allocated === this.maxCIDRs) {
      throw new Error('CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range');
    }
    let candidate = this.nextCandidate;
    while (this.used[candidate]) candidate = (candidate + 1) % this.maxCIDRs;
    this.nextCandidate = (candidate + 1) % this.maxCIDRs;
    this.used[candidate] = 1;
    this.allocated++;
    return this.cidrOf(candidate);
  }

  /** Marks a CIDR (of any size within the cluster range) used. */
  occupy(cidr: string): void {
    const [begin, end] = this.indexRange(cidr);
    for (let i = begin; i <= end; i++) {
      if (!this.used[i]) this.allocated++;
      this.used[i] = 1;
    }
  }

  /** Gives a CIDR back. */
  release(cidr: string): void {
    const [begin, end] = this.indexRange(cidr);
    for (let i = begin; i <= end; i++) {
      if (this.used[i]) this.allocated--;
      this.used[i] = 0;
    }
  }

  private cidrOf(index: number): string {
    return `${numberToIp(this.base + index * 2 ** (32 - this.subnetMaskSize))}/${this.subnetMaskSize}`;
  }

  /** The subnets a CIDR covers (the one containing it, if it is smaller than a subnet). */
  private indexRange(cidr: string): [number, number] {
    const { base, prefix } = parseCIDR(cidr);
    const clusterSize = 2 ** (32 - this.clusterPrefix);
    const size = 2 ** (32 - prefix);
    if (prefix < this.clusterPrefix || base < this.base || base + size > this.base + clusterSize) {
      throw new Error(`cidr ${cidr} is out the range of cluster cidr ${this.clusterCIDR}`);
    }
    const subnet = 2 ** (32 - this.subnetMaskSize);
    const begin = Math.floor((base - this.base) / subnet);
    const end = Math.floor((base + size - 1 - this.base) / subnet);
    return [begin, end];
  }
}
