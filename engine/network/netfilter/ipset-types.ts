// The ipset types kube-proxy uses, as the kernel's ip_set modules define them: each type's dimensions (an address,
// a protocol:port, a network), how an element given to `ipset add` is read and printed back ("10.96.0.10,tcp:80",
// "10.244.0.0/16" with the host bits cleared, a /32 network printed as its address), and its revision and header.

import { formatIPv4, parseIPv4, prefixMask } from '../ip.ts';

export type IpsetTypeName = 'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port';

/** What one dimension of an element holds. */
export type Dimension = 'ip' | 'port' | 'net';

export interface IpsetType {
  name: IpsetTypeName;
  dimensions: readonly Dimension[];
  /** The revision `ipset list` shows (the kernel's highest for the type). */
  revision: number;
}

export const IPSET_TYPES: ReadonlyMap<string, IpsetType> = new Map(
  (
    [
      { name: 'hash:ip', dimensions: ['ip'], revision: 6 },
      { name: 'hash:ip,port', dimensions: ['ip', 'port'], revision: 7 },
      { name: 'hash:ip,port,ip', dimensions: ['ip', 'port', 'ip'], revision: 5 },
      { name: 'hash:ip,port,net', dimensions: ['ip', 'port', 'net'], revision: 8 },
      { name: 'bitmap:port', dimensions: ['port'], revision: 4 },
    ] satisfies IpsetType[]
  ).map((type) => [type.name, type]),
);

/** The protocols a hash type's port dimension names; a bare port is TCP, as ipset reads it. */
const PORT_PROTOCOLS = new Set(['tcp', 'udp', 'sctp', 'udplite']);

/** `10.0.0.1` → itself; anything else undefined. */
function readIp(text: string): string | undefined {
  const value = parseIPv4(text);
  return value === undefined || !/^\d+(\.\d+){3}$/.test(text) ? undefined : formatIPv4(value);
}

function readPortNumber(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

/** `tcp:80` / `80` → "tcp:80"; bitmap:port takes a bare number. */
function readPort(text: string, bitmap: boolean): string | undefined {
  if (bitmap) return readPortNumber(text)?.toString();
  const colon = text.indexOf(':');
  const protocol = colon < 0 ? 'tcp' : text.slice(0, colon).toLowerCase();
  const port = readPortNumber(colon < 0 ? text : text.slice(colon + 1));
  return port === undefined || !PORT_PROTOCOLS.has(protocol) ? undefined : `${protocol}:${port}`;
}

/** `10.244.1.7/16` → "10.244.0.0/16"; a /32 prints as the address. */
export function formatNet(address: number, prefix: number): string {
  const base = formatIPv4((address & prefixMask(prefix)) >>> 0);
  return prefix === 32 ? base : `${base}/${prefix}`;
}

function readNet(text: string): { text: string; prefix: number } | undefined {
  const [addressText = '', prefixText] = text.split('/');
  const address = readIp(addressText);
  const prefix = prefixText === undefined ? 32 : /^\d{1,2}$/.test(prefixText) ? Number(prefixText) : -1;
  if (address === undefined || prefix < 1 || prefix > 32) return undefined;
  return { text: formatNet(parseIPv4(address)!, prefix), prefix };
}

export interface Element {
  /** The element as `ipset list` prints it, also its key in the set. */
  key: string;
  /** The prefix of its net dimension, for a hash:*,net type. */
  prefix?: number;
}

/** Reads an element as `ipset add SET ELEMENT` does, or says why it cannot. */
export function readElement(type: IpsetType, text: string): Element | string {
  const parts = text.split(',');
  if (parts.length !== type.dimensions.length) return `Syntax error: Missing or extra element parts in '${text}'`;
  const out: string[] = [];
  let prefix: number | undefined;
  for (const [i, dimension] of type.dimensions.entries()) {
    const part = parts[i]!;
    if (dimension === 'ip') {
      const ip = readIp(part);
      if (ip === undefined) return `Syntax error: cannot parse ${part}: resolving to IPv4 address failed`;
      out.push(ip);
    } else if (dimension === 'port') {
      const port = readPort(part, type.name === 'bitmap:port');
      if (port === undefined) return `Syntax error: cannot parse '${part}' as a port`;
      out.push(port);
    } else {
      const net = readNet(part);
      if (net === undefined) return `Syntax error: cannot parse ${part}: resolving to IPv4 address failed`;
      out.push(net.text);
      prefix = net.prefix;
    }
  }
  return prefix === undefined ? { key: out.join(',') } : { key: out.join(','), prefix };
}
