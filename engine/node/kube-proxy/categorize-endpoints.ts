// CategorizeEndpoints: which of a service port's endpoints this node sends traffic to under the Cluster and the
// Local traffic policy. Ready endpoints are used, falling back to serving-and-terminating ones (separately for
// Cluster and Local) when none is ready; under Cluster, zone hints narrow the choice when every ready endpoint has
// them and one is hinted for this node's zone.

import type { EndpointInfo } from './endpoints-map.ts';
import type { ServicePortInfo } from './service-ports.ts';
import { usesClusterEndpoints, usesLocalEndpoints } from './service-ports.ts';

export interface CategorizedEndpoints {
  clusterEndpoints: EndpointInfo[];
  localEndpoints: EndpointInfo[];
  /** The union of the two: every endpoint reachable from this node. */
  allReachableEndpoints: EndpointInfo[];
  /** Whether the service has usable endpoints anywhere in the cluster. */
  hasAnyEndpoints: boolean;
}

/** Whether zone hints apply: every ready endpoint has them and at least one is for `zone`. */
function useZoneHints(endpoints: EndpointInfo[], zone: string | undefined): boolean {
  if (!zone) return false;
  let hasEndpointForZone = false;
  for (const ep of endpoints) {
    if (!ep.ready) continue;
    if (!ep.zoneHints) return false;
    if (ep.zoneHints.includes(zone)) hasEndpointForZone = true;
  }
  return hasEndpointForZone;
}

export function categorizeEndpoints(
  endpoints: EndpointInfo[],
  info: ServicePortInfo,
  zone: string | undefined,
): CategorizedEndpoints {
  let clusterEndpoints: EndpointInfo[] = [];
  let localEndpoints: EndpointInfo[] = [];
  let hasAnyEndpoints = false;
  let zoneFiltered = false;

  if (usesClusterEndpoints(info)) {
    zoneFiltered = useZoneHints(endpoints, zone);
    clusterEndpoints = endpoints.filter(
      (ep) => ep.ready && (!zoneFiltered || (zone !== undefined && (ep.zoneHints ?? []).includes(zone))),
    );
    if (clusterEndpoints.length === 0) clusterEndpoints = endpoints.filter((ep) => ep.serving && ep.terminating);
    if (clusterEndpoints.length > 0) hasAnyEndpoints = true;
  }
  if (!usesLocalEndpoints(info)) {
    return { clusterEndpoints, localEndpoints, allReachableEndpoints: clusterEndpoints, hasAnyEndpoints };
  }

  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (ep.serving && ep.terminating) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }
  let useServingTerminating = false;
  if (hasLocalReady) {
    localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.ready);
  } else if (hasLocalServingTerminating) {
    useServingTerminating = true;
    localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.serving && ep.terminating);
  }
  if (!usesClusterEndpoints(info)) {
    return { clusterEndpoints, localEndpoints, allReachableEndpoints: localEndpoints, hasAnyEndpoints };
  }
  if (!zoneFiltered && !useServingTerminating) {
    // Every ready endpoint is in clusterEndpoints, so it holds every local one too.
    return { clusterEndpoints, localEndpoints, allReachableEndpoints: clusterEndpoints, hasAnyEndpoints };
  }
  const merged = new Map<string, EndpointInfo>();
  for (const ep of clusterEndpoints) merged.set(ep.endpoint, ep);
  for (const ep of localEndpoints) merged.set(ep.endpoint, ep);
  return { clusterEndpoints, localEndpoints, allReachableEndpoints: [...merged.values()], hasAnyEndpoints };
}
