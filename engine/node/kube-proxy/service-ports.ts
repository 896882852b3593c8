// A Service's ports as kube-proxy tracks them (ServiceChangeTracker + BaseServicePortInfo): one entry per port of
// every Service with a ClusterIP, with its IPv4 addresses, traffic policies, affinity and chain names. Headless and
// ExternalName Services are skipped, as ShouldSkipService skips them.

import { isIPv4 } from 'node:net';
import { formatCidr, parseCidr } from '../../network/ip.ts';
import type { ServicePortChains } from './chain-names.ts';
import { servicePortChains } from './chain-names.ts';
import type { Service } from './types.ts';

/** Default sessionAffinityConfig.clientIP.timeoutSeconds (v1.DefaultClientIPServiceAffinitySeconds). */
const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

export interface ServicePortInfo {
  /** ServicePortName.String(): "namespace/name:port", or "namespace/name" for an unnamed port. */
  nameString: string;
  /** "namespace/name". */
  serviceName: string;
  portName: string;
  /** TCP, UDP or SCTP. */
  protocol: string;
  /** The protocol in lower case, as rules match it (-m tcp -p tcp). */
  protocolLower: string;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  loadBalancerVIPs: string[];
  loadBalancerSourceRanges: string[];
  sessionAffinityClientIP: boolean;
  stickyMaxAgeSeconds: number;
  healthCheckNodePort: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  chains: ServicePortChains;
}

export type ChainNameCache = Map<string, ServicePortChains>;

/** Whether the service port accepts traffic other than to its ClusterIP (NodePort, externalIPs, LB IPs). */
export function externallyAccessible(info: ServicePortInfo): boolean {
  return info.nodePort !== 0 || info.loadBalancerVIPs.length > 0 || info.externalIPs.length > 0;
}

/** Whether the port ever sends traffic to endpoints under the Cluster policy (short-circuiting needs them too). */
export function usesClusterEndpoints(info: ServicePortInfo): boolean {
  return !info.internalPolicyLocal || externallyAccessible(info);
}

export function usesLocalEndpoints(info: ServicePortInfo): boolean {
  return info.internalPolicyLocal || (info.externalPolicyLocal && externallyAccessible(info));
}

function shouldSkipService(service: Service): boolean {
  const clusterIP = service.spec?.clusterIP;
  return !clusterIP || clusterIP === 'None' || service.spec?.type === 'ExternalName';
}

/** apiservice.ExternallyAccessible: LoadBalancer, NodePort, or ClusterIP with externalIPs. */
function serviceExternallyAccessible(service: Service): boolean {
  const type = service.spec?.type ?? 'ClusterIP';
  return (
    type === 'LoadBalancer' ||
    type === 'NodePort' ||
    (type === 'ClusterIP' && (service.spec?.externalIPs ?? []).length > 0)
  );
}

function clusterIPv4(service: Service): string | undefined {
  const ips = service.spec?.clusterIPs?.length ? service.spec.clusterIPs : [service.spec?.clusterIP ?? ''];
  return ips.find((ip) => isIPv4(ip));
}

/** The IPv4 source ranges, trimmed and normalised as net.IPNet.String() prints them; malformed ones dropped. */
function sourceRangesV4(ranges: string[]): string[] {
  const cidrs: string[] = [];
  for (const range of ranges) {
    const cidr = parseCidr(range.trim());
    if (cidr) cidrs.push(formatCidr(cidr));
  }
  return cidrs;
}

/** ServicePortName.String(). */
export function servicePortNameString(namespace: string, name: string, port: string): string {
  return port ? `${namespace}/${name}:${port}` : `${namespace}/${name}`;
}

/** The IPv4 service ports of one Service, in spec order; none for a Service kube-proxy skips. */
export function servicePortsOf(service: Service, cache?: ChainNameCache): ServicePortInfo[] {
  if (shouldSkipService(service)) return [];
  const clusterIP = clusterIPv4(service);
  if (!clusterIP) return [];
  const spec = service.spec ?? {};
  const namespace = service.metadata.namespace ?? 'default';
  const name = service.metadata.name ?? '';
  const externalPolicyLocal = serviceExternallyAccessible(service) && spec.externalTrafficPolicy === 'Local';
  const internalPolicyLocal = spec.internalTrafficPolicy === 'Local';
  const affinity = spec.sessionAffinity === 'ClientIP';
  const loadBalancerVIPs = (service.status?.loadBalancer?.ingress ?? [])
    .filter((ingress) => ingress.ip && ingress.ipMode !== 'Proxy' && isIPv4(ingress.ip))
    .map((ingress) => ingress.ip as string);
  const needsHealthCheck = spec.type === 'LoadBalancer' && externalPolicyLocal;
  return (spec.ports ?? []).map((port) => {
    const portName = port.name ?? '';
    const protocol = port.protocol ?? 'TCP';
    const protocolLower = protocol.toLowerCase();
    const nameString = servicePortNameString(namespace, name, portName);
    const cacheKey = `${nameString}\u0000${protocolLower}`;
    let chains = cache?.get(cacheKey);
    if (!chains) {
      chains = servicePortChains(nameString, protocolLower);
      cache?.set(cacheKey, chains);
    }
    return {
      nameString,
      serviceName: `${namespace}/${name}`,
      portName,
      protocol,
      protocolLower,
      clusterIP,
      port: port.port,
      nodePort: port.nodePort ?? 0,
      externalIPs: (spec.externalIPs ?? []).filter((ip) => isIPv4(ip)),
      loadBalancerVIPs,
      loadBalancerSourceRanges: sourceRangesV4(spec.loadBalancerSourceRanges ?? []),
      sessionAffinityClientIP: affinity,
      stickyMaxAgeSeconds: affinity
        ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_CLIENT_IP_TIMEOUT_SECONDS)
        : 0,
      healthCheckNodePort: needsHealthCheck ? (spec.healthCheckNodePort ?? 0) : 0,
      externalPolicyLocal,
      internalPolicyLocal,
      chains,
    };
  });
}

/** Key joining a service port to its endpoints: name string and protocol (ServicePortName includes Protocol). */
export function servicePortKey(nameString: string, protocol: string): string {
  return `${nameString}/${protocol}`;
}

/** The service ports of each Service object, kept across syncs (informers never change a cached object in place). */
export type ServicePortsCache = WeakMap<Service, ServicePortInfo[]>;

/** Every service port of the given Services, ordered by name and protocol so the rules come out in a stable order. */
export function buildServicePortMap(
  services: Iterable<Service>,
  cache?: ChainNameCache,
  portsCache?: ServicePortsCache,
): ServicePortInfo[] {
  const ports: ServicePortInfo[] = [];
  for (const service of services) {
    let infos = portsCache?.get(service);
    if (!infos) {
      infos = servicePortsOf(service, cache);
      portsCache?.set(service, infos);
    }
    for (const info of infos) ports.push(info);
  }
  const keyed = ports.map((info) => ({ key: servicePortKey(info.nameString, info.protocol), info }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((entry) => entry.info);
}
