// Domain-name helpers the DNS server and resolvers share: zone matching, the labels left of a zone, and the two
// ways an IPv4 address is spelled inside a name — reversed under in-addr.arpa (PTR) and dashed (1-2-3-4, pod and
// endpoint records).

import { formatIPv4, parseIPv4 } from '../ip.ts';
import { fqdn } from './message.ts';

/** Whether `name` is `zone` or lies under it; both absolute. */
export function inZone(name: string, zone: string): boolean {
  return zone === '.' || name === zone || name.endsWith(`.${zone}`);
}

/** The most specific of `zones` that `name` lies in, or undefined. */
export function matchZone(name: string, zones: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const zone of zones) if (inZone(name, zone) && (!best || zone.length > best.length)) best = zone;
  return best;
}

/** The labels of `name` left of `zone` (`web.default.svc.` in `cluster.local.` → ['web', 'default', 'svc']). */
export function labelsBelow(name: string, zone: string): string[] {
  if (name === zone || zone === '.') return zone === '.' ? splitLabels(name) : [];
  return splitLabels(name.slice(0, name.length - zone.length - 1));
}

export function splitLabels(name: string): string[] {
  return name.split('.').filter((label) => label !== '');
}

/** `10.96.0.10` → `10.0.96.10.in-addr.arpa.` */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
}

/** `10.0.96.10.in-addr.arpa.` → `10.96.0.10`; undefined unless the name holds a whole IPv4 address. */
export function addressFromReverse(name: string): string | undefined {
  const absolute = fqdn(name);
  if (!absolute.endsWith('.in-addr.arpa.')) return undefined;
  const octets = splitLabels(absolute.slice(0, -'.in-addr.arpa.'.length));
  if (octets.length !== 4) return undefined;
  const ip = parseIPv4(octets.reverse().join('.'));
  return ip === undefined ? undefined : formatIPv4(ip);
}

/** `10.244.1.7` → `10-244-1-7`, the label of an endpoint without a hostname and of a pod record. */
export function dashedIP(ip: string): string {
  return ip.replaceAll('.', '-');
}
