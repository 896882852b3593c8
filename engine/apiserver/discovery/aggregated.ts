// Aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList): every group, version and resource of the
// server in one document, the way kubectl 1.32 prefers to read it — /api answers for the core group, /apis for all
// the others.

import type { ServedGroup } from '../registry/resource-registry.ts';
import type { ServedResource } from '../registry/served-resource.ts';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function resourceEntry(served: ServedResource): Record<string, unknown> {
  const d = served.definition;
  const entry: Record<string, unknown> = {
    resource: d.resource,
    responseKind: { group: d.group, version: d.version, kind: d.kind },
    scope: d.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singular,
    verbs: [...d.verbs].sort(),
  };
  if (d.shortNames?.length) entry['shortNames'] = d.shortNames;
  if (d.categories?.length) entry['categories'] = d.categories;
  const subresources = Object.entries(d.subresources ?? {}).map(([name, sub]) => ({
    subresource: name,
    responseKind: sub.responseKind,
    verbs: [...sub.verbs].sort(),
  }));
  if (subresources.length)
    entry['subresources'] = subresources.sort((a, b) => a.subresource.localeCompare(b.subresource));
  return entry;
}

export function aggregatedDiscovery(groups: ServedGroup[]): Record<string, unknown> {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map((group) => ({
      metadata: { name: group.name, creationTimestamp: null },
      versions: group.versions.map((v) => ({
        version: v.version,
        resources: v.resources.map(resourceEntry),
        freshness: 'Current',
      })),
    })),
  };
}
