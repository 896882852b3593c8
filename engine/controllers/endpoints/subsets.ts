// What a Service's Endpoints list (pkg/controller/endpoint): one address per pod that belongs in endpoints — its IP
// of the Service's family, node and pod reference, hostname when the pod sits in the Service's subdomain — ready or
// not ready, for every Service port whose target the pod has; and the 1000-address cap, filled with ready
// addresses first, each subset keeping its share.

import type { EndpointPod, Service } from '../endpointslice/types.ts';
import { isPodReady } from '../common/pod-util.ts';
import { findPort, podIPs, shouldPodBeInEndpoints, shouldSetHostname } from '../endpointslice/pod-endpoints.ts';
import { isIPv6 } from '../endpointslice/slice-builders.ts';
import { repackSubsets } from './repack-subsets.ts';
import type { EndpointAddress, EndpointPort, EndpointSubset } from './types.ts';
import { ANNOTATION_OVER_CAPACITY } from './types.ts';

/** The most addresses an Endpoints object holds; beyond, it is truncated and annotated over-capacity. */
export const MAX_CAPACITY = 1000;

/** podToEndpointAddressForService: the pod's IP of the Service's (first) IP family, or undefined if it has none. */
export function podToEndpointAddress(service: Service, pod: EndpointPod): EndpointAddress | undefined {
  let ipv6: boolean;
  const families = service.spec?.ipFamilies ?? [];
  const clusterIP = service.spec?.clusterIP ?? '';
  if (families.length > 0) ipv6 = families[0] === 'IPv6';
  else if (clusterIP !== '' && clusterIP !== 'None') ipv6 = isIPv6(clusterIP);
  else ipv6 = isIPv6(pod.status?.podIP ?? '');
  const ip = podIPs(pod).find((candidate) => isIPv6(candidate) === ipv6);
  if (!ip) return undefined;
  const address: EndpointAddress = {
    ip,
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
  return address;
}

export interface ServiceSubsets {
  subsets: EndpointSubset[];
  ready: number;
  notReady: number;
}

/** The repacked subsets of a Service's Endpoints for these pods (the pods its selector matches). */
export function serviceSubsets(service: Service, pods: readonly EndpointPod[]): ServiceSubsets {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const subsets: EndpointSubset[] = [];
  let ready = 0;
  let notReady = 0;
  const add = (pod: EndpointPod, address: EndpointAddress, port: EndpointPort | undefined): void => {
    const ports = port ? [port] : [];
    if (publishNotReady || isPodReady(pod)) {
      subsets.push({ addresses: [address], ports });
      ready++;
    } else {
      subsets.push({ notReadyAddresses: [address], ports });
      notReady++;
    }
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const address = podToEndpointAddress(service, pod);
    if (!address) continue;
    if (shouldSetHostname(pod, service)) address.hostname = pod.spec?.hostname;
    const servicePorts = service.spec?.ports ?? [];
    if (servicePorts.length === 0) {
      // Only headless Services may do without ports.
      if (service.spec?.clusterIP === 'None') add(pod, address, undefined);
      continue;
    }
    for (const servicePort of servicePorts) {
      const port = findPort(pod, servicePort);
      if (port === undefined) continue;
      const endpointPort: EndpointPort = { name: servicePort.name, port, protocol: servicePort.protocol };
      if (servicePort.appProtocol !== undefined) endpointPort.appProtocol = servicePort.appProtocol;
      add(pod, address, endpointPort);
    }
  }
  return { subsets: repackSubsets(subsets), ready, notReady };
}

/**
 * truncateEndpoints: caps the subsets at MAX_CAPACITY addresses — not-ready addresses go first; if the ready ones
 * alone are too many, they are cut too — each subset keeping its proportional share. True if anything was cut.
 */
export function truncateSubsets(subsets: EndpointSubset[]): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const subset of subsets) {
    totalReady += subset.addresses?.length ?? 0;
    totalNotReady += subset.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= MAX_CAPACITY) return false;
  const truncateReady = totalReady > MAX_CAPACITY;
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const subset of subsets) {
    const inSubset = (truncateReady ? subset.addresses?.length : subset.notReadyAddresses?.length) ?? 0;
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      subset.addresses = subset.addresses?.slice(0, toBeAdded);
      delete subset.notReadyAddresses;
      canBeAdded -= subset.addresses?.length ?? 0;
    } else {
      subset.notReadyAddresses = subset.notReadyAddresses?.slice(0, toBeAdded);
      canBeAdded -= subset.notReadyAddresses?.length ?? 0;
    }
  }
  return true;
}

/** capacityAnnotationSetCorrectly: within capacity and without the over-capacity annotation. */
export function capacityAnnotationSetCorrectly(
  annotations: Record<string, string> | undefined,
  subsets: readonly EndpointSubset[] | null | undefined,
): boolean {
  let count = 0;
  for (const subset of subsets ?? [])
    count += (subset.addresses?.length ?? 0) + (subset.notReadyAddresses?.length ?? 0);
  if (count > MAX_CAPACITY) return false;
  return annotations?.[ANNOTATION_OVER_CAPACITY] === undefined;
}
