// The endpoints of every service port, merged from its EndpointSlices as EndpointSliceCache merges them: one
// endpoint per "ip:port" (a terminating duplicate never replaces another), with its ready / serving / terminating
// conditions, whether it is on this node and its zone hints, sorted by "ip:port" string. Slices of other address
// families, and ports without a name or number, are ignored. With a cache, a service port whose slices are the very
// objects of the last build keeps its endpoints (informers never change a cached object in place).

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

/** A slice's port as it joins a service port: the service port's key and the port number. */
interface SlicePort {
  key: string;
  port: number;
}

/** A service port's endpoints, as merged from these slices (in this order) for this node. */
interface Merged {
  slices: EndpointSlice[];
  nodeName: string;
  endpoints: EndpointInfo[];
}

export interface EndpointsCache {
  slicePorts: WeakMap<EndpointSlice, SlicePort[]>;
  merged: Map<string, Merged>;
}

export function newEndpointsCache(): EndpointsCache {
  return { slicePorts: new WeakMap(), merged: new Map() };
}

function slicePortsOf(slice: EndpointSlice): SlicePort[] {
  if (slice.addressType !== 'IPv4') return [];
  const serviceName = slice.metadata.labels?.[LABEL_SERVICE_NAME];
  if (!serviceName) return [];
  const namespace = slice.metadata.namespace ?? 'default';
  const ports: SlicePort[] = [];
  for (const port of slice.ports ?? []) {
    if (port.name == null || !port.port) continue;
    const key = servicePortKey(servicePortNameString(namespace, serviceName, port.name), port.protocol ?? 'TCP');
    ports.push({ key, port: port.port });
  }
  return ports;
}

function sameSlices(a: readonly EndpointSlice[], b: readonly EndpointSlice[]): boolean {
  return a.length === b.length && a.every((slice, i) => slice === b[i]);
}

function merge(slices: readonly { slice: EndpointSlice; port: number }[], nodeName: string): EndpointInfo[] {
  const set = new Map<string, EndpointInfo>();
  for (const { slice, port } of slices) addEndpoints(set, slice, port, nodeName);
  return [...set.values()].sort(byEndpoint);
}

/** Merges IPv4 EndpointSlices into the endpoints of each service port they belong to. */
export function buildEndpointsMap(
  slices: Iterable<EndpointSlice>,
  nodeName: string,
  cache: EndpointsCache = newEndpointsCache(),
): EndpointsMap {
  const groups = new Map<string, { slice: EndpointSlice; port: number }[]>();
  for (const slice of slices) {
    let ports = cache.slicePorts.get(slice);
    if (!ports) cache.slicePorts.set(slice, (ports = slicePortsOf(slice)));
    for (const { key, port } of ports) {
      const group = groups.get(key);
      if (group) group.push({ slice, port });
      else groups.set(key, [{ slice, port }]);
    }
  }
  const map: EndpointsMap = new Map();
  const merged = new Map<string, Merged>();
  for (const [key, group] of groups) {
    const from = group.map((member) => member.slice);
    let known = cache.merged.get(key);
    if (!known || known.nodeName !== nodeName || !sameSlices(known.slices, from)) {
      known = { slices: from, nodeName, endpoints: merge(group, nodeName) };
    }
    merged.set(key, known);
    if (known.endpoints.length > 0) map.set(key, known.endpoints);
  }
  cache.merged = merged;
  return map;
}
