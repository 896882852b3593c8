import { describe, expect, it } from 'vitest';
import type { EndpointPod, Service } from '../endpointslice/types.ts';
import { serviceSubsets, truncateSubsets } from './subsets.ts';
import type { EndpointAddress, EndpointSubset } from './types.ts';

const pod = (name: string, ip: string, ready: boolean, extra: Partial<EndpointPod['spec']> = {}): EndpointPod => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}` },
  spec: {
    nodeName: 'node-a',
    containers: [
      {
        name: 'main',
        ports: [
          { name: 'http', containerPort: 8080 },
          { name: 'metrics', containerPort: 9090 },
        ],
      },
    ],
    ...extra,
  },
  status: {
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
  },
});
const service = (spec: Service['spec']): Service => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ...spec },
});
const ips = (addresses: EndpointAddress[] | undefined) => addresses?.map((a) => a.ip);

describe('serviceSubsets', () => {
  it('puts ready pods in addresses and the others in notReadyAddresses, sorted by IP', () => {
    const { subsets } = serviceSubsets(service({ ports: [{ name: 'http', port: 80, targetPort: 'http' }] }), [
      pod('b', '10.244.1.9', true),
      pod('a', '10.244.1.2', true),
      pod('c', '10.244.1.5', false),
    ]);
    expect(subsets).toHaveLength(1);
    expect(ips(subsets[0]?.addresses)).toEqual(['10.244.1.2', '10.244.1.9']);
    expect(ips(subsets[0]?.notReadyAddresses)).toEqual(['10.244.1.5']);
    expect(subsets[0]?.ports).toEqual([{ name: 'http', port: 8080, protocol: undefined }]);
  });

  it('gathers several Service ports in one subset for pods that have them all', () => {
    const { subsets } = serviceSubsets(
      service({
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
          { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' },
        ],
      }),
      [pod('a', '10.244.1.2', true), pod('b', '10.244.1.3', true)],
    );
    expect(subsets).toEqual([
      {
        addresses: [expect.objectContaining({ ip: '10.244.1.2' }), expect.objectContaining({ ip: '10.244.1.3' })],
        ports: [
          { name: 'http', port: 8080, protocol: 'TCP' },
          { name: 'metrics', port: 9090, protocol: 'TCP' },
        ],
      },
    ]);
  });

  it.each([
    ['leaves out pods without an IP', { status: { phase: 'Running', conditions: [] } }],
    [
      'leaves out finished pods',
      { status: { phase: 'Succeeded', podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }] } },
    ],
    [
      'leaves out terminating pods',
      { metadata: { name: 'a', namespace: 'default', deletionTimestamp: '2024-05-01T00:00:00Z' } },
    ],
  ])('%s', (_name, override) => {
    const p = { ...pod('a', '10.244.1.2', true), ...override } as EndpointPod;
    expect(serviceSubsets(service({ ports: [{ port: 80 }] }), [p]).subsets).toEqual([]);
  });

  it('lists the pods of a headless Service without ports, with their hostname in its subdomain', () => {
    const { subsets } = serviceSubsets(service({ clusterIP: 'None' }), [
      pod('a', '10.244.1.2', true, { hostname: 'a', subdomain: 'web' }),
    ]);
    expect(subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.2',
            hostname: 'a',
            nodeName: 'node-a',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' },
          },
        ],
      },
    ]);
  });
});

describe('truncateSubsets', () => {
  const addresses = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => ({ ip: `${prefix}.${Math.floor(i / 250)}.${i % 250}` }));
  const sizes = (subsets: EndpointSubset[]) =>
    subsets.map((s) => [s.addresses?.length ?? 0, s.notReadyAddresses?.length ?? 0]);

  it.each([
    [
      'keeps 1000 addresses as they are',
      [{ addresses: addresses(600, '10.1'), notReadyAddresses: addresses(400, '10.2') }],
      false,
      [[600, 400]],
    ],
    [
      'cuts not-ready addresses first',
      [{ addresses: addresses(800, '10.1'), notReadyAddresses: addresses(400, '10.2') }],
      true,
      [[800, 200]],
    ],
    [
      'cuts ready ones too when they alone are too many, each subset by its share',
      [
        { addresses: addresses(900, '10.1') },
        { addresses: addresses(300, '10.3'), notReadyAddresses: addresses(5, '10.4') },
      ],
      true,
      [
        [750, 0],
        [250, 0],
      ],
    ],
  ])('%s', (_name, subsets: EndpointSubset[], truncated, expected) => {
    expect(truncateSubsets(subsets)).toBe(truncated);
    expect(sizes(subsets)).toEqual(expected);
  });
});
