// The cluster state cluster DNS answers from, indexed the way CoreDNS's dnsController indexes its caches: Services
// by `name.namespace` and by cluster IP, EndpointSlices by their Service and by address, pods by address, and the
// set of namespaces — so every query is a handful of map lookups, whatever the cluster's size. It is fed object by
// object (informer events) and remembers when it last changed: the SOA serial.

import type { KubeObject } from '../../api/object.ts';
import type { DnsEndpoints, DnsService } from './cluster-objects.ts';
import { serviceKey, toDnsEndpoints, toDnsService } from './cluster-objects.ts';

export class ClusterDnsIndex {
  private readonly services = new Map<string, DnsService>();
  private readonly servicesByIP = new Map<string, Set<string>>();
  private readonly slices = new Map<string, DnsEndpoints>();
  private readonly slicesByService = new Map<string, Set<string>>();
  private readonly slicesByIP = new Map<string, Set<string>>();
  private readonly podNamespacesByIP = new Map<string, Map<string, number>>();
  private readonly podIPs = new Map<string, string>();
  private readonly namespaces = new Set<string>();
  private modifiedSeconds = 0;

  /** `now` gives the lab clock's time in milliseconds. */
  constructor(private readonly now: () => number) {}

  /** Unix seconds of the last change of a Service or EndpointSlice: the zone's SOA serial. */
  get serial(): number {
    return this.modifiedSeconds;
  }

  service(name: string, namespace: string): DnsService | undefined {
    return this.services.get(serviceKey(name, namespace));
  }

  /** The Services whose cluster IPs include `ip`. */
  servicesWithIP(ip: string): DnsService[] {
    return [...(this.servicesByIP.get(ip) ?? [])].flatMap((key) => this.services.get(key) ?? []);
  }

  /** The slices of the Service `name` in `namespace`. */
  endpointsOf(name: string, namespace: string): DnsEndpoints[] {
    return [...(this.slicesByService.get(serviceKey(name, namespace)) ?? [])].flatMap((k) => this.slices.get(k) ?? []);
  }

  /** The slices that hold a ready endpoint with address `ip`. */
  endpointsWithIP(ip: string): DnsEndpoints[] {
    return [...(this.slicesByIP.get(ip) ?? [])].flatMap((key) => this.slices.get(key) ?? []);
  }

  hasNamespace(namespace: string): boolean {
    return this.namespaces.has(namespace);
  }

  /** Whether a pod in `namespace` has the address `ip`. */
  hasPod(ip: string, namespace: string): boolean {
    return (this.podNamespacesByIP.get(ip)?.get(namespace) ?? 0) > 0;
  }

  setService(obj: KubeObject): void {
    this.removeService(obj);
    const service = toDnsService(obj);
    const key = serviceKey(service.name, service.namespace);
    this.services.set(key, service);
    for (const ip of service.clusterIPs) if (ip && ip !== 'None') addTo(this.servicesByIP, ip, key);
    this.touch();
  }

  removeService(obj: KubeObject): void {
    const key = serviceKey(obj.metadata.name ?? '', obj.metadata.namespace ?? '');
    const old = this.services.get(key);
    if (!old) return;
    this.services.delete(key);
    for (const ip of old.clusterIPs) removeFrom(this.servicesByIP, ip, key);
    this.touch();
  }

  setEndpointSlice(obj: KubeObject): void {
    this.removeEndpointSlice(obj);
    const endpoints = toDnsEndpoints(obj);
    if (!endpoints) return;
    this.slices.set(endpoints.key, endpoints);
    addTo(this.slicesByService, serviceKey(endpoints.service, endpoints.namespace), endpoints.key);
    for (const address of endpoints.addresses) addTo(this.slicesByIP, address.ip, endpoints.key);
    this.touch();
  }

  removeEndpointSlice(obj: KubeObject): void {
    const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
    const old = this.slices.get(key);
    if (!old) return;
    this.slices.delete(key);
    removeFrom(this.slicesByService, serviceKey(old.service, old.namespace), key);
    for (const address of old.addresses) removeFrom(this.slicesByIP, address.ip, key);
    this.touch();
  }

  setNamespace(obj: KubeObject): void {
    this.namespaces.add(obj.metadata.name ?? '');
  }

  removeNamespace(obj: KubeObject): void {
    this.namespaces.delete(obj.metadata.name ?? '');
  }

  setPod(obj: KubeObject): void {
    this.removePod(obj);
    const ip = (obj.status as { podIP?: string } | undefined)?.podIP;
    if (!ip) return;
    const namespace = obj.metadata.namespace ?? '';
    this.podIPs.set(`${namespace}/${obj.metadata.name ?? ''}`, ip);
    const counts = this.podNamespacesByIP.get(ip) ?? new Map<string, number>();
    counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
    this.podNamespacesByIP.set(ip, counts);
  }

  removePod(obj: KubeObject): void {
    const namespace = obj.metadata.namespace ?? '';
    const key = `${namespace}/${obj.metadata.name ?? ''}`;
    const ip = this.podIPs.get(key);
    if (ip === undefined) return;
    this.podIPs.delete(key);
    const counts = this.podNamespacesByIP.get(ip);
    const left = (counts?.get(namespace) ?? 1) - 1;
    if (left > 0) counts?.set(namespace, left);
    else counts?.delete(namespace);
    if (counts?.size === 0) this.podNamespacesByIP.delete(ip);
  }

  private touch(): void {
    this.modifiedSeconds = Math.floor(this.now() / 1000);
  }
}

function addTo(index: Map<string, Set<string>>, key: string, value: string): void {
  const set = index.get(key);
  if (set) set.add(value);
  else index.set(key, new Set([value]));
}

function removeFrom(index: Map<string, Set<string>>, key: string, value: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}
