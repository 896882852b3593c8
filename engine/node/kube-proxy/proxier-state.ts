// What both proxiers build their rules from: this node, its service ports in a stable order, and the endpoints of
// each, with the caches of chain names that keep repeated syncs from hashing the same names again.

import { buildEndpointsMap } from './endpoints-map.ts';
import type { EndpointsMap } from './endpoints-map.ts';
import { buildServicePortMap } from './service-ports.ts';
import type { ChainNameCache, ServicePortInfo } from './service-ports.ts';
import type { EndpointSlice, ProxyNode, Service } from './types.ts';

export interface ProxierCaches {
  /** ServicePortChains by "nameString\0protocol". */
  servicePortChains: ChainNameCache;
  /** KUBE-SEP chain names by "nameString\0protocol\0ip:port". */
  endpointChains: Map<string, string>;
}

export interface ProxierState {
  node: ProxyNode;
  servicePorts: ServicePortInfo[];
  endpointsMap: EndpointsMap;
  caches: ProxierCaches;
}

export function newProxierCaches(): ProxierCaches {
  return { servicePortChains: new Map(), endpointChains: new Map() };
}

export function buildProxierState(
  node: ProxyNode,
  services: Iterable<Service>,
  endpointSlices: Iterable<EndpointSlice>,
  caches: ProxierCaches = newProxierCaches(),
): ProxierState {
  return {
    node,
    servicePorts: buildServicePortMap(services, caches.servicePortChains),
    endpointsMap: buildEndpointsMap(endpointSlices, node.name),
    caches,
  };
}
