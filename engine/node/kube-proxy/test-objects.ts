// Builders of Services and EndpointSlices for kube-proxy's tests, shaped like upstream's makeTestService and
// makeTestEndpointSlice (one port named p80 unless told otherwise).

import type { Endpoint, EndpointSlice, Service } from './types.ts';

type ServiceSpec = NonNullable<Service['spec']>;

export function makeService(namespace: string, name: string, spec: ServiceSpec, lbIPs: string[] = []): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace, name },
    spec: { type: 'ClusterIP', ports: [{ name: 'p80', port: 80, protocol: 'TCP' }], ...spec },
    status: { loadBalancer: { ingress: lbIPs.map((ip) => ({ ip })) } },
  };
}

export function makeSlice(
  namespace: string,
  service: string,
  endpoints: Endpoint[],
  ports: EndpointSlice['ports'] = [{ name: 'p80', port: 80, protocol: 'TCP' }],
  suffix = '1',
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace, name: `${service}-${suffix}`, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    endpoints,
    ports,
  };
}

/** Ready endpoints at the given addresses, optionally on a node. */
export function readyEndpoints(ips: string[], nodeName?: string): Endpoint[] {
  return ips.map((ip) => ({ addresses: [ip], conditions: { ready: true }, ...(nodeName ? { nodeName } : {}) }));
}
