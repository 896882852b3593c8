import { describe, expect, it } from 'vitest';
import { CidrSet, parseCIDR } from './cidr-set.ts';

describe('a CIDR set', () => {
  it('hands out the subnets of the cluster range in order', () => {
    const set = new CidrSet('10.244.0.0/16', 24);
    expect([set.allocateNext(), set.allocateNext(), set.allocateNext()]).toEqual([
      '10.244.0.0/24',
      '10.244.1.0/24',
      '10.244.2.0/24',
    ]);
    expect(set.size).toBe(3);
  });

  it('skips the subnets marked used and goes on after the last one given when one is released', () => {
    const set = new CidrSet('10.244.0.0/16', 24);
    set.occupy('10.244.0.0/24');
    set.occupy('10.244.2.0/23');
    expect(set.allocateNext()).toBe('10.244.1.0/24');
    expect(set.allocateNext()).toBe('10.244.4.0/24');
    set.release('10.244.1.0/24');
    expect(set.allocateNext()).toBe('10.244.5.0/24');
  });

  it('fails with upstream message once every subnet is used, until one is released', () => {
    const set = new CidrSet('10.244.0.0/23', 24);
    set.allocateNext();
    set.allocateNext();
    expect(() => set.allocateNext()).toThrow(
      'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range',
    );
    set.release('10.244.1.0/24');
    expect(set.allocateNext()).toBe('10.244.1.0/24');
  });

  it.each([
    ['a range outside the cluster CIDR', '10.245.0.0/24'],
    ['a range larger than the cluster CIDR', '10.0.0.0/8'],
  ])('refuses to mark %s used', (_what, cidr) => {
    const set = new CidrSet('10.244.0.0/16', 24);
    expect(() => set.occupy(cidr)).toThrow(`cidr ${cidr} is out the range of cluster cidr 10.244.0.0/16`);
  });

  it.each([
    ['10.244.0.0/16', { base: 0x0af40000, prefix: 16 }],
    ['10.244.7.9/24', { base: 0x0af40700, prefix: 24 }],
  ])('reads %s as its first address and prefix', (cidr, expected) => {
    expect(parseCIDR(cidr)).toEqual(expected);
  });

  it.each(['10.244.0.0', '10.244.0.0/33', 'fd00::/64', 'ten/8'])('rejects %s as a CIDR', (cidr) => {
    expect(() => parseCIDR(cidr)).toThrow(`invalid CIDR address: ${cidr}`);
  });
});
