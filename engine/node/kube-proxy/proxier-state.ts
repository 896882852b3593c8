// What both proxiers build their rules from: this node, its service ports in a stable order, and the endpoints of
// each, with the caches that keep repeated syncs from redoing work for what did not change: chain names, each
// Service object's ports, each service port's merged endpoints, and each service port's iptables rules.

import { buildEndpointsMap, newEndpointsCache } from './endpoints-map.ts';
import type { EndpointsCache, EndpointsMap } from './endpoints-map.ts';
import type { ServiceRulesCache } from './service-rules-cache.ts';
import { buildServicePortMap } from './service-ports.ts';
import type { ChainNameCache, ServicePortInfo, ServicePortsCache } from './service-ports.ts';
import type { EndpointSlice, ProxyNode, Service } from './types.ts';

export interface ProxierCaches {
  /** ServicePortChains by "nameString\0protocol". */
  servicePortChains: ChainNameCache;
  /** KUBE-SEP chain names by "nameString\0protocol\0ip:port". */
  endpointChains: Map<string, string>;
  servicePorts: ServicePortsCache;
  endpoints: EndpointsCache;
  serviceRules: ServiceRulesCache;
}

export interface ProxierState {
  node: ProxyNode;
  servicePorts: ServicePortInfo[];
  endpointsMap: EndpointsMap;
  caches: ProxierCaches;
}

export function newProxierCaches(): ProxierCaches {
  return {
    servicePortChains: new Map(),
    endpointChains: new Map(),
    servicePorts: new WeakMap(),
    endpoints: newEndpointsCache(),
    serviceRules: new WeakMap(),
  };
}

export function buildProxierState(
  node: ProxyNode,
  services: Iterable<Service>,
  endpointSlices: Iterable<EndpointSlice>,
  caches: ProxierCaches = newProxierCaches(),
): ProxierState {
  return {
    node,
    servicePorts: buildServicePortMap(services, caches.servicePortChains, caches.servicePorts),
    endpointsMap: buildEndpointsMap(endpointSlices, node.name, caches.endpoints),
    caches,
  };
}
