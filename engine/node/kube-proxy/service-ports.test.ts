import { describe, expect, it } from 'vitest';
import { buildServicePortMap, servicePortsOf } from './service-ports.ts';
import { makeService } from './test-objects.ts';

describe('servicePortsOf', () => {
  it.each([
    ['a headless Service', makeService('ns', 'a', { clusterIP: 'None' })],
    ['an ExternalName Service', makeService('ns', 'a', { type: 'ExternalName', clusterIP: '' })],
    ['a Service without a ClusterIP yet', makeService('ns', 'a', {})],
  ])('skips %s', (_, service) => {
    expect(servicePortsOf(service)).toEqual([]);
  });

  it('keeps VIP-mode load-balancer IPs only, trims source ranges and sets the health check port for Local LBs', () => {
    const service = makeService('ns', 'a', {
      type: 'LoadBalancer',
      clusterIP: '10.96.0.1',
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 32000,
      loadBalancerSourceRanges: [' 203.0.113.9/25 ', 'bogus'],
    });
    service.status = {
      loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8', ipMode: 'Proxy' }, { hostname: 'lb' }] },
    };
    expect(servicePortsOf(service)[0]).toMatchObject({
      nameString: 'ns/a:p80',
      loadBalancerVIPs: ['1.2.3.4'],
      loadBalancerSourceRanges: ['203.0.113.0/25'],
      healthCheckNodePort: 32000,
      externalPolicyLocal: true,
    });
  });

  it('treats externalTrafficPolicy Local on a plain ClusterIP Service as Cluster', () => {
    expect(
      servicePortsOf(makeService('ns', 'a', { clusterIP: '10.96.0.1', externalTrafficPolicy: 'Local' }))[0]
        ?.externalPolicyLocal,
    ).toBe(false);
  });

  it('orders every service port by name and protocol', () => {
    const ports = buildServicePortMap([
      makeService('ns', 'b', { clusterIP: '10.96.0.2' }),
      makeService('ns', 'a', {
        clusterIP: '10.96.0.1',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns', port: 53, protocol: 'TCP' },
        ],
      }),
    ]);
    expect(ports.map((p) => `${p.nameString}/${p.protocol}`)).toEqual(['ns/a:dns/TCP', 'ns/a:dns/UDP', 'ns/b:p80/TCP']);
  });
});
