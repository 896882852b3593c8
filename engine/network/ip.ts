// IPv4 addresses and CIDR ranges as the data plane handles them: dotted text at the edges, 32-bit unsigned numbers
// inside (fast to compare and mask).

/** The address as a 32-bit unsigned number, or undefined when `text` is not a dotted IPv4 address. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value >>> 0;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export interface Cidr {
  /** The network address (host bits cleared). */
  base: number;
  prefix: number;
}

/** The mask of a prefix length (24 → 255.255.255.0), as a number. */
export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** `10.244.1.0/24` (a bare address is a /32), or undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const [address, length] = text.split('/');
  const ip = parseIPv4(address ?? '');
  const prefix = length === undefined ? 32 : /^\d{1,2}$/.test(length) ? Number(length) : NaN;
  if (ip === undefined || !(prefix >= 0 && prefix <= 32)) return undefined;
  return { base: (ip & prefixMask(prefix)) >>> 0, prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIPv4(cidr.base)}/${cidr.prefix}`;
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return (ip & prefixMask(cidr.prefix)) >>> 0 === cidr.base;
}

/** Whether the dotted address lies in the range; false for malformed input. */
export function inCidr(ip: string, cidr: string): boolean {
  const range = parseCidr(cidr);
  const address = parseIPv4(ip);
  return range !== undefined && address !== undefined && cidrContains(range, address);
}
