import { describe, expect, it } from 'vitest';
import { cidrContains, formatCidr, formatIPv4, inCidr, parseCidr, parseIPv4 } from './ip.ts';

describe('IPv4 addresses', () => {
  it.each([
    ['10.244.1.7', 0x0af40107],
    ['255.255.255.255', 0xffffffff],
    ['0.0.0.0', 0],
  ])('parses %s', (text, value) => {
    expect(parseIPv4(text)).toBe(value);
    expect(formatIPv4(value)).toBe(text);
  });

  it.each(['10.244.1', '10.244.1.256', '10.244.1.x', '1.2.3.4.5', '', '01234.1.1.1', '1..2.3', '1.2.3.', ' 1.2.3.4'])(
    'refuses %j',
    (text) => {
      expect(parseIPv4(text)).toBeUndefined();
    },
  );
});

describe('CIDR ranges', () => {
  it('clears the host bits of the base', () => {
    expect(formatCidr(parseCidr('10.244.1.9/24')!)).toBe('10.244.1.0/24');
    expect(formatCidr(parseCidr('10.96.0.10')!)).toBe('10.96.0.10/32');
    expect(formatCidr(parseCidr('0.0.0.0/0')!)).toBe('0.0.0.0/0');
  });

  it.each([
    ['10.244.1.7', '10.244.0.0/16', true],
    ['10.245.1.7', '10.244.0.0/16', false],
    ['172.18.0.3', '0.0.0.0/0', true],
    ['10.96.0.1', '10.96.0.1/32', true],
    ['10.96.0.2', '10.96.0.1/32', false],
    ['nonsense', '10.0.0.0/8', false],
  ])('%s in %s: %s', (ip, cidr, inside) => {
    expect(inCidr(ip, cidr)).toBe(inside);
  });

  it('refuses malformed ranges', () => {
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0/x')).toBeUndefined();
    expect(cidrContains(parseCidr('10.0.0.0/8')!, parseIPv4('10.1.2.3')!)).toBe(true);
  });
});
