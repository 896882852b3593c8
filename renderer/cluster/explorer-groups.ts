// The explorer's sections, built from the discovery answer: each resource the cluster lists goes into the section of
// its kind of job (workloads, services, storage, …), one entry per group and resource even when several versions
// are served.

import type { ApiResourceInfo } from '../../engine/protocol/host-api.ts';

export interface ExplorerSection {
  id: string;
  title: string;
  resources: ApiResourceInfo[];
}

const SECTIONS: { id: string; title: string; resources: string[] }[] = [
  { id: 'cluster', title: 'Cluster', resources: ['namespaces', 'nodes'] },
  {
    id: 'workloads',
    title: 'Workloads',
    resources: ['pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'],
  },
  {
    id: 'network',
    title: 'Services & networking',
    resources: ['services', 'endpoints', 'endpointslices', 'ingresses', 'ingressclasses', 'networkpolicies'],
  },
  {
    id: 'config',
    title: 'Configuration',
    resources: ['configmaps', 'secrets', 'serviceaccounts', 'resourcequotas', 'limitranges'],
  },
  {
    id: 'storage',
    title: 'Storage',
    resources: ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses', 'volumeattachments', 'csidrivers'],
  },
  { id: 'events', title: 'Events', resources: ['events'] },
];

const SECTION_OF = new Map(SECTIONS.flatMap((s) => s.resources.map((r, i) => [r, { id: s.id, order: i }] as const)));

/** Sections in a fixed order; resources the list above does not name go to 'Lab' (lab.kubelab.io) or 'Other'. */
export function explorerSections(resources: readonly ApiResourceInfo[]): ExplorerSection[] {
  const seen = new Set<string>();
  const bySection = new Map<string, ApiResourceInfo[]>();
  for (const info of resources) {
    if (info.resource.includes('/') || !info.verbs.includes('list')) continue;
    const id = `${info.group}/${info.resource}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const known = SECTION_OF.get(info.resource);
    const section = known?.id ?? (info.group.endsWith('kubelab.io') ? 'lab' : 'other');
    // events.k8s.io serves the same Events as the core group; the core one is enough.
    if (info.resource === 'events' && info.group !== '') continue;
    const list = bySection.get(section) ?? [];
    list.push(info);
    bySection.set(section, list);
  }
  const rank = (info: ApiResourceInfo): number => SECTION_OF.get(info.resource)?.order ?? 100;
  const all = [...SECTIONS, { id: 'lab', title: 'Lab' }, { id: 'other', title: 'Other' }];
  return all
    .map(({ id, title }) => ({
      id,
      title,
      resources: (bySection.get(id) ?? []).sort((a, b) => rank(a) - rank(b) || a.kind.localeCompare(b.kind)),
    }))
    .filter((s) => s.resources.length > 0);
}
