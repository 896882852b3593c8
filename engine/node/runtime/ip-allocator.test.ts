import { describe, expect, it } from 'vitest';
import { IpAllocator } from './ip-allocator.ts';

describe('IpAllocator', () => {
  it('hands out addresses after the gateway, in order', () => {
    const ips = IpAllocator.forCidr('10.244.1.0/24')!;
    expect(ips.gateway).toBe('10.244.1.1');
    expect([ips.allocate(), ips.allocate()]).toEqual(['10.244.1.2', '10.244.1.3']);
  });

  it('does not reuse a released address before going round the range', () => {
    const ips = IpAllocator.forCidr('10.244.1.0/24')!;
    const a = ips.allocate()!;
    ips.release(a);
    expect(ips.allocate()).toBe('10.244.1.3');
  });

  it('wraps around and skips addresses in use, then runs out', () => {
    const ips = IpAllocator.forCidr('10.0.0.0/30')!;
    expect(ips.allocate()).toBe('10.0.0.2');
    expect(ips.allocate()).toBeUndefined();
    ips.release('10.0.0.2');
    expect(ips.allocate()).toBe('10.0.0.2');
  });

  it.each([
    ['not an address', 'nonsense/24'],
    ['no prefix', '10.0.0.0'],
    ['a prefix too long', '10.0.0.0/31'],
  ])('rejects a CIDR with %s', (_name, cidr) => {
    expect(IpAllocator.forCidr(cidr)).toBeUndefined();
  });

  it('takes the network address from a CIDR written with host bits', () => {
    expect(IpAllocator.forCidr('10.244.1.77/24')!.allocate()).toBe('10.244.1.2');
  });
});
