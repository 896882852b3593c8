// Which Services a pod change concerns (k8s.io/endpointslice/util GetServicesToUpdateOnPodChange): the Services whose
// selector matches the pod, before and after a change of labels, when the change can alter their endpoints.

import { deepEqual } from '../../api/json.ts';
import type { Lister } from '../../client/lister.ts';
import { isPodReady } from '../common/pod-util.ts';
import type { EndpointPod, Service } from './types.ts';

/** labels.SelectorFromValidatedSet(selector).Matches(labels): every pair of the selector is among the labels. */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const key in selector) if (labels?.[key] !== selector[key]) return false;
  return true;
}

/** The keys of the Services in the namespace whose selector matches the labels (a nil selector matches nothing). */
export function servicesForLabels(
  services: Lister,
  namespace: string,
  labels: Record<string, string> | undefined,
): Set<string> {
  const keys = new Set<string>();
  for (const service of services.namespace(namespace).list() as Service[]) {
    const selector = service.spec?.selector;
    if (selector && selectorMatches(selector, labels)) keys.add(`${namespace}/${service.metadata.name}`);
  }
  return keys;
}

export function podServiceMemberships(services: Lister, pod: EndpointPod): Set<string> {
  return servicesForLabels(services, pod.metadata.namespace ?? '', pod.metadata.labels);
}

/**
 * Whether a pod update can change existing endpoints (deletion, readiness or IPs changed) and whether it can change
 * which Services select it (labels, hostname or subdomain changed).
 */
export function podEndpointsChanged(oldPod: EndpointPod, newPod: EndpointPod): [boolean, boolean] {
  const labelsChanged =
    !deepEqual(oldPod.metadata.labels ?? {}, newPod.metadata.labels ?? {}) ||
    oldPod.spec?.hostname !== newPod.spec?.hostname ||
    oldPod.spec?.subdomain !== newPod.spec?.subdomain;
  if (oldPod.metadata.deletionTimestamp !== newPod.metadata.deletionTimestamp) return [true, labelsChanged];
  if (isPodReady(oldPod) !== isPodReady(newPod)) return [true, labelsChanged];
  const oldIPs = oldPod.status?.podIPs ?? [];
  const newIPs = newPod.status?.podIPs ?? [];
  if (oldIPs.length !== newIPs.length || oldIPs.some((ip, i) => ip.ip !== newIPs[i]?.ip)) return [true, labelsChanged];
  return [false, labelsChanged];
}

/** The Services to sync after a pod update: none for a resync, the union or the symmetric difference after relabels. */
export function servicesToUpdateOnPodChange(services: Lister, oldPod: EndpointPod, newPod: EndpointPod): Set<string> {
  if (oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) return new Set();
  const [podChanged, labelsChanged] = podEndpointsChanged(oldPod, newPod);
  if (!podChanged && !labelsChanged) return new Set();
  const current = podServiceMemberships(services, newPod);
  if (!labelsChanged) return current;
  const previous = servicesForLabels(services, newPod.metadata.namespace ?? '', oldPod.metadata.labels);
  const result = new Set<string>();
  for (const key of current) if (podChanged || !previous.has(key)) result.add(key);
  for (const key of previous) if (podChanged || !current.has(key)) result.add(key);
  return result;
}
