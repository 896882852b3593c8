// The endpoints of every service port, merged from its EndpointSlices as EndpointSliceCache merges them: one
// endpoint per "ip:port" (a terminating duplicate never replaces another), with its ready / serving / terminating
// conditions, whether it is on this node and its zone hints, sorted by "ip:port" string. Slices of other address
// families, and ports without a name or number, are ignored.

import { servicePortKey, servicePortNameString } from './service-ports.ts';
import type { EndpointSlice } from './types.ts';

const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';

export interface EndpointInfo {
  ip: string;
  port: number;
  /** "ip:port", Endpoint.String(). */
  endpoint: string;
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  zoneHints: string[] | undefined;
}

/** Endpoints by servicePortKey(nameString, protocol). */
export type EndpointsMap = Map<string, EndpointInfo[]>;

function byEndpoint(a: EndpointInfo, b: EndpointInfo): number {
  return a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0;
}

function addEndpoints(set: Map<string, EndpointInfo>, slice: EndpointSlice, port: number, nodeName: string): void {
  for (const endpoint of slice.endpoints ?? []) {
    const ip = endpoint.addresses[0];
    if (!ip) continue;
    const conditions = endpoint.conditions ?? {};
    const terminating = conditions.terminating === true;
    const info: EndpointInfo = {
      ip,
      port,
      endpoint: `${ip}:${port}`,
      isLocal: nodeName !== '' && endpoint.nodeName === nodeName,
      ready: conditions.ready == null || conditions.ready,
      serving: conditions.serving == null || conditions.serving,
      terminating,
      zoneHints: endpoint.hints?.forZones?.length ? endpoint.hints.forZones.map((zone) => zone.name) : undefined,
    };
    if (!set.has(info.endpoint) || !terminating) set.set(info.endpoint, info);
  }
}

/** Merges IPv4 EndpointSlices into the endpoints of each service port they belong to. */
export function buildEndpointsMap(slices: Iterable<EndpointSlice>, nodeName: string): EndpointsMap {
  const sets = new Map<string, Map<string, EndpointInfo>>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    const serviceName = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!serviceName) continue;
    const namespace = slice.metadata.namespace ?? 'default';
    for (const port of slice.ports ?? []) {
      if (port.name == null || !port.port) continue;
      const key = servicePortKey(servicePortNameString(namespace, serviceName, port.name), port.protocol ?? 'TCP');
      let set = sets.get(key);
      if (!set) sets.set(key, (set = new Map()));
      addEndpoints(set, slice, port.port, nodeName);
    }
  }
  const map: EndpointsMap = new Map();
  for (const [key, set] of sets) if (set.size > 0) map.set(key, [...set.values()].sort(byEndpoint));
  return map;
}
