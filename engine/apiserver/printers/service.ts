// Service and Endpoints rows: TYPE, CLUSTER-IP, EXTERNAL-IP (load-balancer ingress, external IPs or the external
// name), PORT(S) as "80:30080/TCP", and the first three endpoint addresses with "+ N more...".

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN, wideColumn } from './columns.ts';
import { formatLabels } from './label-selector.ts';
import { field, int, list, str } from './read.ts';
import { age } from './time.ts';

const strings = (values: unknown[]) => values.filter((v): v is string => typeof v === 'string');

/** The distinct IPs (else hostnames) of a load balancer's ingress points, sorted and joined with commas. */
export function loadBalancerAddresses(status: unknown): string {
  const addresses = new Set<string>();
  for (const ingress of list(status, 'loadBalancer', 'ingress')) {
    const address = str(ingress, 'ip') || str(ingress, 'hostname');
    if (address !== '') addresses.add(address);
  }
  return [...addresses].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(',');
}

function externalIP(service: KubeObject): string {
  const externalIPs = strings(list(service.spec, 'externalIPs'));
  switch (str(service.spec, 'type')) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = loadBalancerAddresses(service.status);
      if (externalIPs.length > 0) return [...(ingress === '' ? [] : ingress.split(',')), ...externalIPs].join(',');
      return ingress === '' ? '<pending>' : ingress;
    }
    case 'ExternalName':
      return str(service.spec, 'externalName');
    default:
      return '<unknown>';
  }
}

function ports(service: KubeObject): string {
  const text = list(service.spec, 'ports')
    .map((p) => {
      const nodePort = int(p, 'nodePort');
      return `${int(p, 'port')}${nodePort > 0 ? `:${nodePort}` : ''}/${str(p, 'protocol')}`;
    })
    .join(',');
  return text === '' ? '<none>' : text;
}

export const servicePrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Type', 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    column('Cluster-IP', 'The virtual IP address of the service inside the cluster.'),
    column('External-IP', 'The addresses the service is reachable at from outside the cluster.'),
    column('Port(s)', 'The ports the service exposes, with their node ports and protocols.'),
    AGE_COLUMN,
    wideColumn('Selector', 'The labels of the pods the service sends traffic to.'),
  ],
  row: (service, now) => [
    service.metadata.name ?? '',
    str(service.spec, 'type'),
    str(service.spec, 'clusterIPs', 0) || str(service.spec, 'clusterIP') || '<none>',
    externalIP(service),
    ports(service),
    age(service, now),
    formatLabels(field(service.spec, 'selector')),
  ],
};

/** "host:port" with brackets around IPv6 hosts, as Go's net.JoinHostPort writes it. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Up to three endpoint addresses (with each port), then "+ N more...". */
function formatEndpoints(endpoints: KubeObject): string {
  const subsets = list(endpoints, 'subsets');
  if (subsets.length === 0) return '<none>';
  const shown: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = list(subset, 'addresses').map((a) => str(a, 'ip'));
    const subsetPorts = list(subset, 'ports');
    const entries =
      subsetPorts.length === 0
        ? [addresses]
        : subsetPorts.map((p) => addresses.map((ip) => joinHostPort(ip, int(p, 'port'))));
    for (const entry of entries) {
      count += entry.length;
      shown.push(...entry.slice(0, Math.max(0, 3 - shown.length)));
    }
  }
  const text = shown.join(',');
  return count > 3 ? `${text} + ${count - 3} more...` : text;
}

export const endpointsPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Endpoints', 'The addresses and ports of the ready endpoints, the first three of them.'),
    AGE_COLUMN,
  ],
  row: (endpoints, now) => [endpoints.metadata.name ?? '', formatEndpoints(endpoints), age(endpoints, now)],
};
