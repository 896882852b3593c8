// Which pod a services/proxy request goes to (pkg/registry/core/service's ResourceLocation): a port number is first
// turned into the name of the Service port that has it, then the Service's EndpointSlices are searched for that port
// name and a ready endpoint whose target is a pod that exists with that address.

import type { KubeObject } from '../../api/object.ts';
import { StatusError } from '../errors/status-error.ts';
import type { ResourceStore } from '../registry/generic/resource-store.ts';
import type { ProxyDestination } from './proxy-round-trip.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

interface ServiceShape {
  spec?: { ports?: { name?: string; port?: number }[] };
}

interface SliceShape {
  ports?: { name?: string; port?: number }[];
  endpoints?: {
    addresses?: string[];
    conditions?: { ready?: boolean };
    targetRef?: { kind?: string; name?: string; namespace?: string };
  }[];
}

interface PodShape {
  status?: { podIP?: string; podIPs?: { ip?: string }[] };
}

function serviceUnavailable(message: string): StatusError {
  return new StatusError(503, 'ServiceUnavailable', message);
}

/** The Service port's name for a port given by number; throws 503 when the Service has no such port. */
export function servicePortName(service: KubeObject, port: string): string {
  if (!/^\d+$/.test(port)) return port;
  const found = (service as ServiceShape).spec?.ports?.find((p) => p.port === Number(port));
  if (!found) {
    throw serviceUnavailable(`no service port ${port} found for service "${service.metadata.name ?? ''}"`);
  }
  return found.name ?? '';
}

function podIPs(pod: KubeObject): string[] {
  const status = (pod as PodShape).status ?? {};
  return [status.podIP ?? '', ...(status.podIPs ?? []).map((p) => p.ip ?? '')].filter((ip) => ip !== '');
}

/** The first ready endpoint of the Service that serves the port, with its pod; 503 when there is none. */
export async function serviceEndpoint(
  service: KubeObject,
  portName: string,
  slices: Pick<ResourceStore, 'list'>,
  pods: Pick<ResourceStore, 'get'>,
): Promise<ProxyDestination> {
  const namespace = service.metadata.namespace ?? '';
  const name = service.metadata.name ?? '';
  const all = (await slices.list(namespace)).items as (KubeObject & SliceShape)[];
  for (const slice of all.filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name)) {
    const port = slice.ports?.find((p) => (p.name ?? '') === portName);
    if (port?.port === undefined) continue;
    for (const endpoint of slice.endpoints ?? []) {
      const ip = endpoint.addresses?.[0];
      const ref = endpoint.targetRef;
      if (!ip || endpoint.conditions?.ready === false || ref?.kind !== 'Pod' || !ref.name) continue;
      const pod = await pods.get(ref.namespace ?? namespace, ref.name).catch(() => undefined);
      if (pod && podIPs(pod).includes(ip)) return { pod, ip, port: String(port.port) };
    }
  }
  throw serviceUnavailable(`no endpoints available for service "${name}"`);
}
