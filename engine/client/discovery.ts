// Discovery through the API, as client-go's discovery client: which resources the server serves, with their verbs
// and scope, read from the aggregated discovery documents at /api and /apis.

import type { GroupVersionResource } from '../api/object.ts';
import type { InProcessClient } from './in-process-client.ts';

export interface DiscoveredResource extends GroupVersionResource {
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
}

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

interface DiscoveryDocument {
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      resources?: {
        resource: string;
        scope: string;
        verbs?: string[];
        shortNames?: string[];
        categories?: string[];
        responseKind?: { kind?: string };
      }[];
    }[];
  }[];
}

/** Every resource of the preferred version of every group. */
export async function discoverResources(client: InProcessClient): Promise<DiscoveredResource[]> {
  const out: DiscoveredResource[] = [];
  for (const path of ['/api', '/apis']) {
    const response = await client.send('GET', path, { accept: AGGREGATED });
    if (response.kind !== 'raw' && response.kind !== 'object') continue;
    const doc = (response.kind === 'raw' ? JSON.parse(String(response.body)) : response.body) as DiscoveryDocument;
    for (const group of doc.items ?? []) {
      const preferred = group.versions?.[0];
      if (!preferred) continue;
      for (const r of preferred.resources ?? []) {
        out.push({
          group: group.metadata?.name ?? '',
          version: preferred.version,
          resource: r.resource,
          kind: r.responseKind?.kind ?? '',
          namespaced: r.scope === 'Namespaced',
          verbs: r.verbs ?? [],
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
        });
      }
    }
  }
  return out;
}
