import { describe, expect, it } from 'vitest';
import { FieldPath } from '../errors/field-error.ts';
import { isCIDR, isIPAddress, isIPv6Address, validateNonSpecialIP } from './ip.ts';

const at = FieldPath.root('ip');

describe('IP addresses', () => {
  it.each([
    ['dotted quads are addresses', isIPAddress('10.0.0.1'), true],
    ['leading zeros are accepted as upstream does', isIPAddress('010.000.000.001'), true],
    ['an octet above 255 is not an address', isIPAddress('10.0.0.256'), false],
    ['IPv6 text is an address', isIPAddress('2001:db8::1'), true],
    ['IPv6 text is IPv6', isIPv6Address('fd00::10'), true],
    ['IPv4 text is not IPv6', isIPv6Address('10.0.0.1'), false],
    ['a /24 is a CIDR', isCIDR('10.0.0.0/24'), true],
    ['a /33 is not an IPv4 CIDR', isCIDR('10.0.0.0/33'), false],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    [
      'loopback',
      '127.0.0.1',
      'ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ],
    ['unspecified', '0.0.0.0', 'ip: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)'],
    [
      'link-local',
      '169.254.1.1',
      'ip: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    ],
    ['IPv6 loopback', '::1', 'ip: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
  ])('refuses a %s address as an endpoint', (_name, ip, message) => {
    expect(validateNonSpecialIP(at, ip).map(String)).toEqual([message]);
  });

  it('accepts an ordinary pod address', () => {
    expect(validateNonSpecialIP(at, '10.244.1.7')).toEqual([]);
  });
});
