// Every resource the API server serves, by group, version and resource name: built-in kinds registered at start,
// custom resources added and removed as CustomResourceDefinitions come and go. Discovery and OpenAPI are built from
// it, and listeners hear about every change.

import { apiVersionOf } from '../../api/object.ts';
import type { ServedResource } from './served-resource.ts';

/** The order kube-apiserver lists its groups in; other groups follow in registration order. */
const GROUP_ORDER = [
  '',
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

export interface ServedGroup {
  name: string;
  /** Versions, the preferred one first. */
  versions: { version: string; resources: ServedResource[] }[];
}

function key(group: string, version: string, resource: string): string {
  return `${group}/${version}/${resource}`;
}

export class ResourceRegistry {
  private readonly resources = new Map<string, ServedResource>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;

  add(served: ServedResource): void {
    const d = served.definition;
    this.resources.set(key(d.group, d.version, d.resource), served);
    this.changed();
  }

  remove(group: string, version: string, resource: string): ServedResource | undefined {
    const k = key(group, version, resource);
    const served = this.resources.get(k);
    if (served) {
      this.resources.delete(k);
      this.changed();
    }
    return served;
  }

  get(group: string, version: string, resource: string): ServedResource | undefined {
    return this.resources.get(key(group, version, resource));
  }

  /** Whether anything is served under this group and version (a 404 otherwise). */
  hasGroupVersion(group: string, version: string): boolean {
    for (const served of this.resources.values()) {
      if (served.definition.group === group && served.definition.version === version) return true;
    }
    return false;
  }

  all(): ServedResource[] {
    return [...this.resources.values()];
  }

  /** A counter that changes whenever the set of resources does (for caching discovery and OpenAPI). */
  get version(): number {
    return this.generation;
  }

  /** Groups in kube-apiserver's order, each with its versions (v1 before v1beta1…) and resources. */
  groups(): ServedGroup[] {
    const byGroup = new Map<string, Map<string, ServedResource[]>>();
    for (const served of this.resources.values()) {
      const { group, version } = served.definition;
      let versions = byGroup.get(group);
      if (!versions) byGroup.set(group, (versions = new Map()));
      let list = versions.get(version);
      if (!list) versions.set(version, (list = []));
      list.push(served);
    }
    const rank = (g: string) => {
      const i = GROUP_ORDER.indexOf(g);
      return i < 0 ? GROUP_ORDER.length : i;
    };
    return [...byGroup.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || (rank(a) === GROUP_ORDER.length ? a.localeCompare(b) : 0))
      .map(([name, versions]) => ({
        name,
        versions: [...versions.entries()]
          .sort(([a], [b]) => compareVersions(a, b))
          .map(([version, resources]) => ({
            version,
            resources: resources.sort((x, y) => x.definition.resource.localeCompare(y.definition.resource)),
          })),
      }));
  }

  groupVersions(): string[] {
    return this.groups().flatMap((g) => g.versions.map((v) => apiVersionOf(g.name, v.version)));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.generation++;
    for (const listener of this.listeners) listener();
  }
}

/** Kubernetes version priority: GA before beta before alpha, higher numbers first (v2 > v1 > v1beta2 > v1beta1). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return { known: false, major: 0, stage: 0, minor: 0 };
    const stage = m[2] === 'alpha' ? 1 : m[2] === 'beta' ? 2 : 3;
    return { known: true, major: Number(m[1]), stage, minor: Number(m[3] ?? 0) };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.known !== y.known) return x.known ? -1 : 1;
  if (!x.known) return a.localeCompare(b);
  if (x.stage !== y.stage) return y.stage - x.stage;
  if (x.major !== y.major) return y.major - x.major;
  return y.minor - x.minor;
}
