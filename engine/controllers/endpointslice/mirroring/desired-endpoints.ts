// What the mirroring controller wants (pkg/controller/endpointslicemirroring): the addresses of a custom Endpoints
// object as EndpointSlice endpoints, grouped by address type and set of ports, at most maxEndpointsPerSubset per
// subset; addresses that are not IPs are skipped.

import { EndpointSet } from '../endpoint-set.ts';
import { isIPv6, portMapKey } from '../slice-builders.ts';
import type { AddressType } from '../slice-builders.ts';
import type { Endpoint, EndpointPort } from '../types.ts';
import { repackSubsets } from '../../endpoints/repack-subsets.ts';
import type { EndpointAddress, EndpointPort as CorePort, EndpointSubset } from '../../endpoints/types.ts';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The address type of an IP, or undefined for something that is not one. */
export function addressTypeOf(ip: string): AddressType | undefined {
  if (IPV4.test(ip)) return 'IPv4';
  if (isIPv6(ip) && /^[0-9a-fA-F:.]+$/.test(ip)) return 'IPv6';
  return undefined;
}

/** The key of a group of mirrored slices: address type and ports. */
export function mirrorKey(addressType: string, ports: readonly EndpointPort[] | null | undefined): string {
  return `${addressType}/${portMapKey(ports)}`;
}

export function toSlicePorts(ports: readonly CorePort[] | undefined): EndpointPort[] {
  return (ports ?? []).map((p) => {
    const port: EndpointPort = { name: p.name ?? '', port: p.port, protocol: p.protocol ?? '' };
    if (p.appProtocol !== undefined) port.appProtocol = p.appProtocol;
    return port;
  });
}

export function addressToEndpoint(address: EndpointAddress, ready: boolean): Endpoint {
  const endpoint: Endpoint = { addresses: [address.ip], conditions: { ready } };
  if (address.targetRef) endpoint.targetRef = address.targetRef;
  if (address.nodeName !== undefined) endpoint.nodeName = address.nodeName;
  if (address.hostname) endpoint.hostname = address.hostname;
  return endpoint;
}

export interface DesiredGroup {
  addressType: AddressType;
  ports: EndpointPort[];
  endpoints: EndpointSet;
}

export interface DesiredEndpoints {
  groups: Map<string, DesiredGroup>;
  invalidAddresses: number;
  /** Addresses left out, for being invalid or beyond the per-subset limit. */
  skippedAddresses: number;
}

export function desiredEndpoints(subsets: readonly EndpointSubset[], maxPerSubset: number): DesiredEndpoints {
  const groups = new Map<string, DesiredGroup>();
  let invalidAddresses = 0;
  let skippedAddresses = 0;
  for (const subset of repackSubsets(subsets)) {
    const ports = toSlicePorts(subset.ports);
    const groupOf = (addressType: AddressType): DesiredGroup => {
      const key = mirrorKey(addressType, ports);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { addressType, ports, endpoints: new EndpointSet() }));
      return group;
    };
    // Both address types get a group, so slices of the other type with these ports are reconciled too.
    groupOf('IPv4');
    groupOf('IPv6');
    const total = (subset.addresses?.length ?? 0) + (subset.notReadyAddresses?.length ?? 0);
    let added = 0;
    const addAll = (addresses: readonly EndpointAddress[] | undefined, ready: boolean): void => {
      for (const address of addresses ?? []) {
        if (added >= maxPerSubset) return;
        const addressType = addressTypeOf(address.ip);
        if (!addressType) {
          invalidAddresses++;
          continue;
        }
        groupOf(addressType).endpoints.insert(addressToEndpoint(address, ready));
        added++;
      }
    };
    addAll(subset.addresses, true);
    addAll(subset.notReadyAddresses, false);
    skippedAddresses += total - added;
  }
  return { groups, invalidAddresses, skippedAddresses };
}
