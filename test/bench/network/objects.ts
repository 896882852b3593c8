// The objects the network bench feeds kube-proxy: `count` Services (one TCP port 80 → 8080 each, ClusterIPs from
// 10.96.0.0/12) with one EndpointSlice of `endpoints` ready endpoints each, spread over the nodes' pod CIDRs
// (10.240.0.0/12, a /16 per node). Service 0's endpoints are the server pods the request measurement talks to.

import { formatIPv4, parseIPv4 } from '../../../engine/network/ip.ts';
import type { Endpoint, EndpointSlice, Service } from '../../../engine/node/kube-proxy/types.ts';

export const NAMESPACE = 'bench';
export const CLUSTER_CIDR = '10.240.0.0/12';
export const SERVICE_PORT = 80;
export const TARGET_PORT = 8080;
const SERVICE_BASE = parseIPv4('10.96.0.10')!;
const POD_BASE = parseIPv4('10.240.0.0')!;
/** Endpoints nobody serves start here in a node's /16, above the real pods IPAM hands out. */
const FAKE_ENDPOINTS_FROM = 1024;

/** Where an endpoint lives: its address and its node. */
export interface EndpointAddress {
  ip: string;
  nodeName: string;
}

export function nodeName(index: number): string {
  return `node-${index}`;
}

export function nodeIP(index: number): string {
  return formatIPv4(parseIPv4('172.18.0.2')! + index);
}

export function podCidr(index: number): string {
  return `${formatIPv4(POD_BASE + index * 65536)}/16`;
}

export function clusterIP(service: number): string {
  return formatIPv4(SERVICE_BASE + service);
}

export function serviceName(service: number): string {
  return `svc-${service}`;
}

export function makeService(service: number): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: NAMESPACE, name: serviceName(service), uid: `svc-uid-${service}` },
    spec: {
      type: 'ClusterIP',
      clusterIP: clusterIP(service),
      clusterIPs: [clusterIP(service)],
      ports: [{ name: 'http', port: SERVICE_PORT, targetPort: TARGET_PORT, protocol: 'TCP' }],
    },
  };
}

/** The slice of a Service; `generation` makes an updated object with a new resourceVersion. */
export function makeSlice(service: number, endpoints: EndpointAddress[], generation = 1): EndpointSlice {
  const ready: Endpoint[] = endpoints.map(({ ip, nodeName }) => ({
    addresses: [ip],
    conditions: { ready: true, serving: true, terminating: false },
    nodeName,
  }));
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      namespace: NAMESPACE,
      name: `${serviceName(service)}-abcde`,
      resourceVersion: String(generation),
      labels: { 'kubernetes.io/service-name': serviceName(service) },
    },
    addressType: 'IPv4',
    endpoints: ready,
    ports: [{ name: 'http', port: TARGET_PORT, protocol: 'TCP' }],
  };
}

/** The `n`th endpoint nobody serves, on node `n % nodes`. */
export function fakeEndpoint(n: number, nodes: number): EndpointAddress {
  const node = n % nodes;
  const offset = FAKE_ENDPOINTS_FROM + Math.floor(n / nodes);
  return { ip: formatIPv4(POD_BASE + node * 65536 + offset), nodeName: nodeName(node) };
}
