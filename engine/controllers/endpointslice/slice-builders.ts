// How the EndpointSlice controller shapes its slices (k8s.io/endpointslice utils.go): the address types a Service
// gets, a pod as an endpoint, a Service port as an endpoint port, the slices' labels, owner and name prefix.

import type { KubeObject } from '../../api/object.ts';
import { newControllerRef } from '../common/controller-ref.ts';
import { isPodReady } from '../common/pod-util.ts';
import { findPort, podIPs, shouldSetHostname } from './pod-endpoints.ts';
import type { Endpoint, EndpointPod, EndpointPort, EndpointSlice, Service } from './types.ts';
import { LABEL_HEADLESS_SERVICE, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LABEL_TOPOLOGY_ZONE } from './types.ts';

export type AddressType = 'IPv4' | 'IPv6';

export function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

/** IsServiceIPSet: the Service has a cluster IP (it is neither headless nor ExternalName). */
export function isServiceIPSet(service: Service): boolean {
  const clusterIP = service.spec?.clusterIP ?? '';
  return clusterIP !== '' && clusterIP !== 'None';
}

/** The address types a Service's slices carry: its IP families; for Services without them, guessed as upstream. */
export function addressTypesForService(service: Service): AddressType[] {
  const types = new Set<AddressType>();
  for (const family of service.spec?.ipFamilies ?? []) {
    if (family === 'IPv4') types.add('IPv4');
    if (family === 'IPv6') types.add('IPv6');
  }
  if (types.size > 0) return [...types];
  if (isServiceIPSet(service)) return [isIPv6(service.spec?.clusterIP ?? '') ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

/** "<name>-" for generateName, or the bare name when the dash would make it too long. */
export function endpointSlicePrefix(name: string): string {
  return name.length + 1 <= 253 ? `${name}-` : name;
}

/** Whether the slice's controller reference points at this Service. */
export function ownedBy(slice: EndpointSlice, service: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some(
    (ref) =>
      ref.controller === true && ref.kind === 'Service' && ref.apiVersion === 'v1' && ref.uid === service.metadata.uid,
  );
}

const RESERVED_LABELS = new Set([LABEL_SERVICE_NAME, LABEL_MANAGED_BY, LABEL_HEADLESS_SERVICE]);

/**
 * setEndpointSliceLabels: the Service's labels (reserved ones aside) plus the headless marker, the service name and
 * the manager; and whether the slice's own non-reserved labels differ from the Service's.
 */
export function endpointSliceLabels(
  slice: EndpointSlice | undefined,
  service: Service,
  controllerName: string,
): [Record<string, string>, boolean] {
  const sliceLabels = Object.entries(slice?.metadata.labels ?? {}).filter(([k]) => !RESERVED_LABELS.has(k));
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata.labels ?? {})) if (!RESERVED_LABELS.has(k)) labels[k] = v;
  const changed = sliceLabels.length !== Object.keys(labels).length || sliceLabels.some(([k, v]) => labels[k] !== v);
  if (!isServiceIPSet(service)) labels[LABEL_HEADLESS_SERVICE] = '';
  labels[LABEL_SERVICE_NAME] = service.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = controllerName;
  return [labels, changed];
}

export function newEndpointSlice(
  service: Service,
  ports: EndpointPort[],
  addressType: AddressType,
  controllerName: string,
): EndpointSlice {
  const [labels] = endpointSliceLabels(undefined, service, controllerName);
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: endpointSlicePrefix(service.metadata.name ?? ''),
      namespace: service.metadata.namespace,
      labels,
      ownerReferences: [newControllerRef(service, 'v1', 'Service')],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

/** The endpoint ports of a pod for a Service: every Service port whose target the pod has. */
export function endpointPortsForPod(service: Service, pod: EndpointPod): EndpointPort[] {
  const servicePorts = service.spec?.ports ?? [];
  if (servicePorts.length === 0 && service.spec?.clusterIP === 'None') return [];
  const ports: EndpointPort[] = [];
  for (const servicePort of servicePorts) {
    const port = findPort(pod, servicePort);
    if (port === undefined) continue;
    const endpointPort: EndpointPort = { name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' };
    if (servicePort.appProtocol !== undefined) endpointPort.appProtocol = servicePort.appProtocol;
    ports.push(endpointPort);
  }
  return ports;
}

/** A key equal for equal sets of ports, in any order (upstream's PortMapKey). */
export function portMapKey(ports: readonly EndpointPort[] | null | undefined): string {
  return JSON.stringify(
    (ports ?? [])
      .map((p) => JSON.stringify([p.name ?? null, p.protocol ?? null, p.port ?? null, p.appProtocol ?? null]))
      .sort(),
  );
}

/**
 * podToEndpoint: the pod's addresses of the type, serving = Ready, terminating = being deleted, ready = serving
 * and not terminating (or publishNotReadyAddresses), the node, the node's zone, the hostname and the pod reference.
 */
export function podToEndpoint(
  pod: EndpointPod,
  node: KubeObject | undefined,
  service: Service,
  addressType: AddressType,
): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const endpoint: Endpoint = {
    addresses: podIPs(pod).filter((ip) => isIPv6(ip) === (addressType === 'IPv6')),
    conditions: {
      ready: service.spec?.publishNotReadyAddresses === true || (serving && !terminating),
      serving,
      terminating,
    },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec?.nodeName) endpoint.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) endpoint.zone = zone;
  if (shouldSetHostname(pod, service)) endpoint.hostname = pod.spec?.hostname;
  return endpoint;
}
