// Which pods back a Service and how (k8s.io/endpointslice/util and pkg/api/v1/pod): readiness, whether a pod belongs
// in endpoints at all, its addresses, its hostname, and the container port a Service port's targetPort names.
// (Readiness itself is common/pod-util's isPodReady.)

import type { EndpointPod, PortedContainer, Service, ServicePort } from './types.ts';

function isPodTerminal(pod: EndpointPod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Failed' || phase === 'Succeeded';
}

/** The pod's IPs, primary first (status.podIPs, or status.podIP from clients that only set that). */
export function podIPs(pod: EndpointPod): string[] {
  const ips = pod.status?.podIPs?.map((p) => p.ip).filter(Boolean) ?? [];
  if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
  return ips;
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and (unless terminating pods are wanted) not being deleted. */
export function shouldPodBeInEndpoints(pod: EndpointPod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (podIPs(pod).length === 0) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** ShouldSetHostname: the pod names a hostname and sits in the Service's subdomain. */
export function shouldSetHostname(pod: EndpointPod, service: Service): boolean {
  return (
    !!pod.spec?.hostname &&
    pod.spec.subdomain === service.metadata.name &&
    pod.metadata.namespace === service.metadata.namespace
  );
}

/**
 * FindPort: the container port a Service port targets — a number as it is, a name looked up among the containers'
 * ports (and those of sidecars, init containers that always restart) with the same protocol. Undefined if none.
 */
export function findPort(pod: EndpointPod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  const containers: PortedContainer[] = pod.spec?.containers ?? [];
  const initContainers: PortedContainer[] = pod.spec?.initContainers ?? [];
  const sidecars = initContainers.filter((c) => c.restartPolicy === 'Always');
  for (const container of [...containers, ...sidecars]) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}
