// IPv4 addresses and CIDR ranges as the data plane handles them: dotted text at the edges, 32-bit unsigned numbers
// inside (fast to compare and mask).

/** The address as a 32-bit unsigned number, or undefined when `text` is not a dotted IPv4 address. */
export function parseIPv4(text: string): number | undefined {
  // Character by character: the data plane and netfilter parse addresses on every packet.
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      dots += 1;
      octet = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57 && digits < 3) {
      octet = octet * 10 + (code - 48);
      digits += 1;
      if (octet > 255) return undefined;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || dots !== 3) return undefined;
  return (value * 256 + octet) >>> 0;
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
