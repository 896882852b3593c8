import { describe, expect, it } from 'vitest';
import { parseCidr } from '../ip.ts';
import { HostLocalIpam } from './ipam.ts';

describe('HostLocalIpam', () => {
  it('hands out addresses after the gateway, in order', () => {
    const ipam = new HostLocalIpam(parseCidr('10.244.1.0/24')!);
    expect(ipam.gateway).toBe('10.244.1.1');
    expect([ipam.allocate(), ipam.allocate(), ipam.allocate()]).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4']);
  });

  it('does not reuse a released address before going round the range', () => {
    const ipam = new HostLocalIpam(parseCidr('10.244.1.0/24')!);
    const first = ipam.allocate();
    ipam.release(first);
    expect(ipam.allocate()).toBe('10.244.1.3');
  });

  it('wraps around and skips addresses in use, then runs out', () => {
    const ipam = new HostLocalIpam(parseCidr('10.0.0.0/30')!);
    expect(ipam.allocate()).toBe('10.0.0.2');
    expect(() => ipam.allocate()).toThrow('no IP addresses available in range set: 10.0.0.0/30');
    ipam.release('10.0.0.2');
    expect(ipam.allocate()).toBe('10.0.0.2');
  });

  it('takes the network address from a CIDR written with host bits', () => {
    expect(new HostLocalIpam(parseCidr('10.244.1.77/24')!).allocate()).toBe('10.244.1.2');
  });

  it.each([
    ['10.244.1.1', 'not an assignable address'],
    ['10.244.1.255', 'not an assignable address'],
    ['10.244.2.5', 'not an assignable address'],
  ])('refuses to hand out %s', (ip, message) => {
    expect(() => new HostLocalIpam(parseCidr('10.244.1.0/24')!).allocate(ip)).toThrow(message);
  });

  it('gives a wanted address once', () => {
    const ipam = new HostLocalIpam(parseCidr('10.244.1.0/30')!);
    expect(ipam.allocate('10.244.1.2')).toBe('10.244.1.2');
    expect(() => ipam.allocate('10.244.1.2')).toThrow('already allocated');
  });
});
