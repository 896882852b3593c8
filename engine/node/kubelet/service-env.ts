// The Service environment variables the kubelet gives every container (getServiceEnvVarMap): for each Service with
// a cluster IP in the pod's namespace (when enableServiceLinks is not false) and for the API server's `kubernetes`
// Service in default, the Docker-links style variables — KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT,
// KUBERNETES_PORT_443_TCP_ADDR… — that programs find their Services by.

import type { KubeObject } from '../../api/object.ts';

/** The Services of a namespace (a lister the cluster shares between its kubelets). */
export type ServiceLister = (namespace: string) => readonly KubeObject[];

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
}

interface ServiceSpec {
  clusterIP?: string;
  ports?: ServicePort[];
}

function envName(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

function addService(env: Record<string, string>, service: KubeObject): void {
  const spec = (service['spec'] ?? {}) as ServiceSpec;
  const ip = spec.clusterIP;
  if (!ip || ip === 'None') return;
  const ports = spec.ports ?? [];
  const prefix = envName(service.metadata.name ?? '');
  env[`${prefix}_SERVICE_HOST`] = ip;
  const first = ports[0];
  if (first) env[`${prefix}_SERVICE_PORT`] = String(first.port);
  for (const port of ports) if (port.name) env[`${prefix}_SERVICE_PORT_${envName(port.name)}`] = String(port.port);
  if (first) env[`${prefix}_PORT`] = `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`;
  for (const port of ports) {
    const protocol = port.protocol ?? 'TCP';
    const name = `${prefix}_PORT_${port.port}_${protocol.toUpperCase()}`;
    env[name] = `${protocol.toLowerCase()}://${ip}:${port.port}`;
    env[`${name}_PROTO`] = protocol.toLowerCase();
    env[`${name}_PORT`] = String(port.port);
    env[`${name}_ADDR`] = ip;
  }
}

/** The Service variables of a pod in `namespace`. */
export function serviceEnv(
  services: ServiceLister,
  namespace: string,
  enableServiceLinks: boolean,
): Record<string, string> {
  const env: Record<string, string> = {};
  const chosen = new Map<string, KubeObject>();
  if (enableServiceLinks) for (const s of services(namespace)) chosen.set(s.metadata.name ?? '', s);
  if (namespace !== 'default' || !enableServiceLinks) {
    const master = services('default').find((s) => s.metadata.name === 'kubernetes');
    if (master && !chosen.has('kubernetes')) chosen.set('kubernetes', master);
  }
  for (const service of chosen.values()) addService(env, service);
  return env;
}
