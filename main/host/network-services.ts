// The Services as the network panel shows them, read through the API (the session's client): each Service's virtual
// addresses and ports, joined with the endpoints its EndpointSlices list (address, port, readiness, pod, node).

import type { InProcessClient } from '../../engine/client/in-process-client.ts';
import type { KubeObjectJson, NetworkEndpoint, NetworkService } from '../../engine/protocol/host-api.ts';

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  externalIPs?: string[];
  externalName?: string;
  ports?: { name?: string; protocol?: string; port: number; targetPort?: number | string; nodePort?: number }[];
}

interface EndpointSlice extends KubeObjectJson {
  addressType?: string;
  endpoints?: {
    addresses: string[];
    conditions?: { ready?: boolean };
    nodeName?: string;
    targetRef?: { kind?: string; namespace?: string; name?: string };
  }[];
  ports?: { name?: string; port?: number }[] | null;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function endpointsOf(slices: EndpointSlice[]): NetworkEndpoint[] {
  const endpoints: NetworkEndpoint[] = [];
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    for (const endpoint of slice.endpoints ?? []) {
      const ref = endpoint.targetRef;
      const pod = ref?.kind === 'Pod' && ref.name ? `${ref.namespace ?? slice.metadata?.namespace}/${ref.name}` : '';
      for (const port of slice.ports ?? []) {
        for (const ip of endpoint.addresses) {
          endpoints.push({
            ip,
            port: port.port ?? 0,
            ...(port.name && { portName: port.name }),
            ready: endpoint.conditions?.ready !== false,
            ...(pod && { pod }),
            ...(endpoint.nodeName && { node: endpoint.nodeName }),
          });
        }
      }
    }
  }
  return endpoints.sort((a, b) => (a.ip === b.ip ? a.port - b.port : a.ip < b.ip ? -1 : 1));
}

function serviceView(service: KubeObjectJson, slices: EndpointSlice[]): NetworkService {
  const spec = (service['spec'] ?? {}) as ServiceSpec;
  const status = service['status'] as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined;
  return {
    namespace: service.metadata?.namespace ?? '',
    name: service.metadata?.name ?? '',
    type: spec.type ?? 'ClusterIP',
    clusterIP: spec.clusterIP ?? '',
    externalIPs: spec.externalIPs ?? [],
    loadBalancerIPs: (status?.loadBalancer?.ingress ?? []).flatMap((ingress) => ingress.ip ?? []),
    ...(spec.externalName && { externalName: spec.externalName }),
    ports: (spec.ports ?? []).map((port) => ({
      ...(port.name && { name: port.name }),
      protocol: port.protocol ?? 'TCP',
      port: port.port,
      targetPort: String(port.targetPort ?? port.port),
      ...(port.nodePort && { nodePort: port.nodePort }),
    })),
    endpoints: endpointsOf(slices),
  };
}

/** Every Service of the cluster with its endpoints, by namespace and name. */
export async function networkServices(client: InProcessClient): Promise<NetworkService[]> {
  const [services, slices] = (await Promise.all([
    client.request('GET', '/api/v1/services'),
    client.request('GET', '/apis/discovery.k8s.io/v1/endpointslices'),
  ])) as [{ items: KubeObjectJson[] }, { items: EndpointSlice[] }];
  const slicesOf = new Map<string, EndpointSlice[]>();
  for (const slice of slices.items) {
    const service = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
    if (service === undefined) continue;
    const key = `${slice.metadata?.namespace}/${service}`;
    slicesOf.set(key, [...(slicesOf.get(key) ?? []), slice]);
  }
  return services.items
    .map((service) =>
      serviceView(service, slicesOf.get(`${service.metadata?.namespace}/${service.metadata?.name}`) ?? []),
    )
    .sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
}
