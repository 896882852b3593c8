// IP addresses and CIDRs as upstream accepts them (k8s.io/utils/net ParseIPSloppy: IPv4 octets may carry leading
// zeros), and the check that keeps endpoints and external IPs out of special ranges.

import { isIPv6 } from 'node:net';

import { invalidValue } from '../errors/field-error.ts';
import type { FieldError, FieldPath } from '../errors/field-error.ts';

/** Parses dotted-quad IPv4 (leading zeros allowed) into its four octets. */
function parseIPv4(value: string): number[] | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    octets.push(n);
  }
  return octets;
}

/** Whether the string is an IPv4 or IPv6 address. */
export function isIPAddress(value: string): boolean {
  return parseIPv4(value) !== undefined || isIPv6(value);
}

/** Whether the string is an IPv6 address (IPv4-mapped forms count as IPv6 text but not as IPv4). */
export function isIPv6Address(value: string): boolean {
  return parseIPv4(value) === undefined && isIPv6(value);
}

export function isCIDR(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(bits)) return false;
  const max = parseIPv4(ip) ? 32 : isIPv6(ip) ? 128 : -1;
  return max >= 0 && Number(bits) <= max;
}

export function validateIP(path: FieldPath, value: string): FieldError[] {
  return isIPAddress(value)
    ? []
    : [invalidValue(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

export function validateCIDR(path: FieldPath, value: string): FieldError[] {
  return isCIDR(value)
    ? []
    : [invalidValue(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** Expands an IPv6 address into its eight 16-bit groups. */
function ipv6Groups(value: string): number[] {
  let text = value;
  const tail: number[] = [];
  const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const octets = parseIPv4(v4[1]) ?? [0, 0, 0, 0];
    tail.push(((octets[0] ?? 0) << 8) | (octets[1] ?? 0), ((octets[2] ?? 0) << 8) | (octets[3] ?? 0));
    text = `${text.slice(0, v4.index)}:`;
    if (text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head = '', rest] = text.split('::');
  const parse = (s: string): number[] =>
    s === ''
      ? []
      : s
          .split(':')
          .filter((g) => g !== '')
          .map((g) => parseInt(g, 16));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const missing = 8 - tail.length - left.length - right.length;
  return [...left, ...Array<number>(Math.max(missing, 0)).fill(0), ...right, ...tail];
}

/** Rejects unspecified, loopback and link-local addresses (upstream's ValidateNonSpecialIP). */
export function validateNonSpecialIP(path: FieldPath, value: string): FieldError[] {
  const v4 = parseIPv4(value);
  if (!v4 && !isIPv6(value)) return [invalidValue(path, value, 'must be a valid IP address')];
  let unspecified: boolean;
  let loopback: boolean;
  let linkLocalUnicast: boolean;
  let linkLocalMulticast: boolean;
  if (v4) {
    const [a = 0, b = 0, c = 0] = v4;
    unspecified = v4.every((o) => o === 0);
    loopback = a === 127;
    linkLocalUnicast = a === 169 && b === 254;
    linkLocalMulticast = a === 224 && b === 0 && c === 0;
  } else {
    const g = ipv6Groups(value);
    const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
    if (mapped)
      return validateNonSpecialIP(
        path,
        `${(g[6] ?? 0) >> 8}.${(g[6] ?? 0) & 255}.${(g[7] ?? 0) >> 8}.${(g[7] ?? 0) & 255}`,
      );
    unspecified = g.every((x) => x === 0);
    loopback = g.slice(0, 7).every((x) => x === 0) && g[7] === 1;
    linkLocalUnicast = ((g[0] ?? 0) & 0xffc0) === 0xfe80;
    linkLocalMulticast = ((g[0] ?? 0) & 0xff0f) === 0xff02;
  }
  const errs: FieldError[] = [];
  if (unspecified) errs.push(invalidValue(path, value, `may not be unspecified (${value})`));
  if (loopback) errs.push(invalidValue(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocalUnicast)
    errs.push(invalidValue(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (linkLocalMulticast) {
    errs.push(invalidValue(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}
