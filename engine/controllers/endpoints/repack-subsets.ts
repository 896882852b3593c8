// RepackSubsets (pkg/api/v1/endpoints): the canonical form of Endpoints subsets — every address once per port, the
// addresses that offer the same ports gathered in one subset (an address not ready on one of them counts as not
// ready), addresses sorted by IP then target uid, subsets and ports in a stable order.

import type { EndpointAddress, EndpointPort, EndpointSubset } from './types.ts';

function addressKey(address: EndpointAddress): string {
  return `${address.ip}\u0000${address.targetRef?.uid ?? ''}`;
}

function portKey(port: EndpointPort): string {
  return JSON.stringify([port.name ?? '', port.port, port.protocol ?? '', port.appProtocol ?? null]);
}

/** addrsByIPAndUID: byte order of the IP, then the target's uid (none first). */
export function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid;
  const ub = b.targetRef?.uid;
  if (ua === ub) return 0;
  if (ua === undefined) return -1;
  if (ub === undefined) return 1;
  return ua < ub ? -1 : 1;
}

export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const addresses = new Map<string, EndpointAddress>();
  /** port key (or "" for a subset without ports) → the port → address key → ready. */
  const byPort = new Map<string, { port: EndpointPort | undefined; ready: Map<string, boolean> }>();
  const record = (address: EndpointAddress, port: EndpointPort | undefined, ready: boolean): void => {
    const key = addressKey(address);
    if (!addresses.has(key)) addresses.set(key, address);
    const pk = port ? portKey(port) : '';
    let entry = byPort.get(pk);
    if (!entry) byPort.set(pk, (entry = { port, ready: new Map() }));
    const was = entry.ready.get(key);
    if (was === undefined || was) entry.ready.set(key, ready);
  };
  for (const subset of subsets) {
    const ports = subset.ports?.length ? subset.ports : [undefined];
    for (const port of ports) {
      for (const address of subset.addresses ?? []) record(address, port, true);
      for (const address of subset.notReadyAddresses ?? []) record(address, port, false);
    }
  }

  // Gather the ports offered by the same set of (address, ready) pairs.
  const groups = new Map<string, { ready: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, ready } of byPort.values()) {
    const key = [...ready]
      .map(([address, isReady]) => `${address}\u0000${isReady ? 1 : 0}`)
      .sort()
      .join('\u0001');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ready, ports: [] }));
    if (port) group.ports.push(port);
  }

  const result: EndpointSubset[] = [];
  for (const { ready, ports } of groups.values()) {
    const readyAddresses: EndpointAddress[] = [];
    const notReadyAddresses: EndpointAddress[] = [];
    for (const [key, isReady] of ready) (isReady ? readyAddresses : notReadyAddresses).push(addresses.get(key)!);
    const subset: EndpointSubset = {};
    if (readyAddresses.length) subset.addresses = readyAddresses.sort(compareAddresses);
    if (notReadyAddresses.length) subset.notReadyAddresses = notReadyAddresses.sort(compareAddresses);
    if (ports.length) subset.ports = ports.sort((a, b) => (portKey(a) < portKey(b) ? -1 : 1));
    result.push(subset);
  }
  const subsetKey = (s: EndpointSubset): string => JSON.stringify([s.ports ?? [], s.addresses?.[0]?.ip ?? '']);
  return result.sort((a, b) => (subsetKey(a) < subsetKey(b) ? -1 : subsetKey(a) > subsetKey(b) ? 1 : 0));
}
