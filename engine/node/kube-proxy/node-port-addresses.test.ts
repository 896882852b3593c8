import { describe, expect, it } from 'vitest';
import { nodePortAddresses, nodePortIPs } from './node-port-addresses.ts';

describe('nodePortAddresses', () => {
  it.each([
    { name: 'no CIDR matches every address, localhost included', specs: [], matchAll: true, loopback: true, ips: [] },
    { name: '0.0.0.0/0 matches every address', specs: ['0.0.0.0/0'], matchAll: true, loopback: true, ips: [] },
    {
      name: 'a node CIDR keeps the node IPs in it and leaves localhost out',
      specs: ['192.168.49.0/24'],
      matchAll: false,
      loopback: false,
      ips: ['192.168.49.2'],
    },
    {
      name: '"primary" stands for the node IP',
      specs: ['primary'],
      matchAll: false,
      loopback: false,
      ips: ['192.168.49.2'],
    },
    {
      name: 'a loopback CIDR lets localhost NodePorts work',
      specs: ['127.0.0.0/8', '10.0.0.0/8'],
      matchAll: false,
      loopback: true,
      ips: ['127.0.0.1', '10.1.0.7'],
    },
  ])('$name', ({ specs, matchAll, loopback, ips }) => {
    const addresses = nodePortAddresses(specs, '192.168.49.2');
    expect(addresses.matchAll).toBe(matchAll);
    expect(addresses.containsIPv4Loopback).toBe(loopback);
    if (!matchAll) expect(nodePortIPs(addresses, ['192.168.49.2', '10.1.0.7'])).toEqual(ips);
  });
});
