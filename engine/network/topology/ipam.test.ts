import { describe, expect, it } from 'vitest';
import { parseCidr } from '../ip.ts';
import { HostLocalIpam } from './ipam.ts';

describe('HostLocalIpam', () => {
  it('hands out the lowest free address from .2 and reuses released ones', () => {
    const ipam = new HostLocalIpam(parseCidr('10.244.1.0/24')!);
    expect(ipam.gateway).toBe('10.244.1.1');
    expect([ipam.allocate(), ipam.allocate(), ipam.allocate()]).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4']);
    ipam.release('10.244.1.3');
    expect(ipam.allocate()).toBe('10.244.1.3');
  });

  it.each([
    ['10.244.1.1', 'not an assignable address'],
    ['10.244.1.255', 'not an assignable address'],
    ['10.244.2.5', 'not an assignable address'],
  ])('refuses to hand out %s', (ip, message) => {
    expect(() => new HostLocalIpam(parseCidr('10.244.1.0/24')!).allocate(ip)).toThrow(message);
  });

  it('gives a wanted address once, and says when the range is exhausted', () => {
    const ipam = new HostLocalIpam(parseCidr('10.244.1.0/30')!);
    expect(ipam.allocate('10.244.1.2')).toBe('10.244.1.2');
    expect(() => ipam.allocate('10.244.1.2')).toThrow('already allocated');
    expect(() => ipam.allocate()).toThrow('no IP addresses available in range set: 10.244.1.0/30');
  });
});
