import { describe, expect, it } from 'vitest';
import { parseTraceTarget } from './packet-tracer.ts';

describe("a PacketTrace's target", () => {
  it.each([
    ['http://web/', { protocol: 'tcp', host: 'web', port: 80, path: '/' }],
    ['http://web', { protocol: 'tcp', host: 'web', port: 80, path: '/' }],
    [
      'https://web.default.svc:8443/healthz?x=1',
      { protocol: 'tcp', host: 'web.default.svc', port: 8443, path: '/healthz?x=1' },
    ],
    ['http://10.96.0.1?q', { protocol: 'tcp', host: '10.96.0.1', port: 80, path: '/?q' }],
    ['10.96.0.10:53', { protocol: 'tcp', host: '10.96.0.10', port: 53 }],
    ['redis:6379', { protocol: 'tcp', host: 'redis', port: 6379 }],
    ['web', { protocol: 'icmp', host: 'web', port: 0 }],
    ['10.244.1.2', { protocol: 'icmp', host: '10.244.1.2', port: 0 }],
    [
      'kubernetes.default.svc.cluster.local.',
      { protocol: 'icmp', host: 'kubernetes.default.svc.cluster.local.', port: 0 },
    ],
  ])('reads %s', (to, expected) => {
    expect(parseTraceTarget(to)).toEqual(expected);
  });

  it.each([['http://web:99999/'], ['web:0'], [''], ['ftp://web/'], ['two words'], ['-web']])('refuses %j', (to) => {
    expect(typeof parseTraceTarget(to)).toBe('string');
  });
});
