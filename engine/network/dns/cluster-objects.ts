// What cluster DNS keeps of Services and EndpointSlices, as CoreDNS's kubernetes plugin strips them
// (plugin/kubernetes/object): a Service's cluster IPs, type, external name and ports; a slice's ports and the
// addresses of its ready endpoints (a missing `ready` counts as ready). Objects without ports get one sentinel port
// -1, which answers A queries but never SRV.

import type { KubeObject } from '../../api/object.ts';
import { parseIPv4 } from '../ip.ts';
import { dashedIP } from './names.ts';

const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
const MAX_LABEL_LENGTH = 63;

export interface DnsPort {
  name: string;
  protocol: string;
  /** -1: the object declares no ports. */
  port: number;
}

export interface DnsService {
  name: string;
  namespace: string;
  type: string;
  /** `['None']` for a headless Service; `['']` when no address was allocated (ExternalName). */
  clusterIPs: string[];
  externalName: string;
  ports: DnsPort[];
}

export interface DnsEndpointAddress {
  ip: string;
  /** The endpoint's hostname (a StatefulSet pod's, through spec.hostname and subdomain). */
  hostname: string;
  /** The pod behind the endpoint, when its name fits a DNS label. */
  targetRefName: string;
}

export interface DnsEndpoints {
  /** `namespace/slice-name`. */
  key: string;
  namespace: string;
  /** The Service the slice belongs to (its kubernetes.io/service-name label). */
  service: string;
  ports: DnsPort[];
  addresses: DnsEndpointAddress[];
}

const NO_PORTS: DnsPort[] = [{ name: '', protocol: '', port: -1 }];

export function isHeadless(service: DnsService): boolean {
  return service.clusterIPs[0] === 'None';
}

/** `name.namespace`, the index key of a Service and of the slices that belong to it. */
export function serviceKey(name: string, namespace: string): string {
  return `${name}.${namespace}`;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  ports?: { name?: string; protocol?: string; port: number }[];
}

export function toDnsService(obj: KubeObject): DnsService {
  const spec = (obj.spec ?? {}) as ServiceSpec;
  return {
    name: obj.metadata.name ?? '',
    namespace: obj.metadata.namespace ?? '',
    type: spec.type ?? 'ClusterIP',
    clusterIPs: spec.clusterIPs?.length ? [...spec.clusterIPs] : [spec.clusterIP ?? ''],
    externalName: spec.externalName ?? '',
    ports: spec.ports?.length
      ? spec.ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port }))
      : NO_PORTS,
  };
}

interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean };
  hostname?: string;
  targetRef?: { name?: string };
}

interface SliceFields {
  addressType?: string;
  endpoints?: SliceEndpoint[] | null;
  ports?: { name?: string; protocol?: string; port?: number }[] | null;
}

/** The slice's ready addresses and ports, or undefined for a slice DNS ignores (no Service label, FQDN type). */
export function toDnsEndpoints(obj: KubeObject): DnsEndpoints | undefined {
  const slice = obj as KubeObject & SliceFields;
  const service = obj.metadata.labels?.[LABEL_SERVICE_NAME];
  if (!service || slice.addressType === 'FQDN') return undefined;
  const namespace = obj.metadata.namespace ?? '';
  const addresses: DnsEndpointAddress[] = [];
  for (const endpoint of slice.endpoints ?? []) {
    if (endpoint.conditions?.ready === false) continue;
    const podName = endpoint.targetRef?.name ?? '';
    for (const ip of endpoint.addresses ?? []) {
      addresses.push({
        ip,
        hostname: endpoint.hostname ?? '',
        targetRefName: podName.length <= MAX_LABEL_LENGTH ? podName : '',
      });
    }
  }
  return {
    key: `${namespace}/${obj.metadata.name ?? ''}`,
    namespace,
    service,
    ports: slice.ports?.length
      ? slice.ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? '', port: p.port ?? -1 }))
      : NO_PORTS,
    addresses,
  };
}

/**
 * The endpoint's name under its Service: its hostname, else (with endpoint_pod_names) its pod's name, else its
 * dashed address.
 */
export function endpointHostname(address: DnsEndpointAddress, endpointPodNames: boolean): string {
  if (address.hostname) return address.hostname;
  if (endpointPodNames && address.targetRefName) return address.targetRefName;
  return parseIPv4(address.ip) !== undefined ? dashedIP(address.ip) : ipv6Dashed(address.ip);
}

function ipv6Dashed(ip: string): string {
  const dashed = ip.replaceAll(':', '-');
  return dashed.endsWith('-') ? `${dashed}0` : dashed;
}
