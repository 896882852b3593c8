// Legacy discovery documents: /api (APIVersions), /apis (APIGroupList), /apis/<group> (APIGroup) and
// /api/v1, /apis/<group>/<version> (APIResourceList) — still read by `kubectl drain`, `auth can-i` and client-node.

import { createHash } from 'node:crypto';
import { apiVersionOf } from '../../api/object.ts';
import type { ServedGroup } from '../registry/resource-registry.ts';
import type { ServedResource } from '../registry/served-resource.ts';

function serverAddresses(serverAddress: string): { clientCIDR: string; serverAddress: string }[] {
  return [{ clientCIDR: '0.0.0.0/0', serverAddress }];
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: serverAddresses(serverAddress) };
}

function groupEntry(group: ServedGroup): Record<string, unknown> {
  const versions = group.versions.map((v) => ({
    groupVersion: apiVersionOf(group.name, v.version),
    version: v.version,
  }));
  return { name: group.name, versions, preferredVersion: versions[0] };
}

export function apiGroupList(groups: ServedGroup[]): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.filter((g) => g.name !== '').map(groupEntry) };
}

export function apiGroup(group: ServedGroup): Record<string, unknown> {
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group) };
}

/** A short hash of a resource's identity, as upstream's storageVersionHash (base64 of 8 bytes of a SHA-256). */
function storageVersionHash(served: ServedResource): string {
  const d = served.definition;
  return createHash('sha256').update(`${d.group}/${d.version}/${d.kind}`).digest().subarray(0, 8).toString('base64');
}

export function apiResourceList(group: string, version: string, resources: ServedResource[]): Record<string, unknown> {
  const entries: Record<string, unknown>[] = [];
  for (const served of resources) {
    const d = served.definition;
    const entry: Record<string, unknown> = {
      name: d.resource,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: [...d.verbs].sort(),
    };
    if (d.shortNames?.length) entry['shortNames'] = d.shortNames;
    if (d.categories?.length) entry['categories'] = d.categories;
    if (served.store) entry['storageVersionHash'] = storageVersionHash(served);
    entries.push(entry);
    for (const [name, sub] of Object.entries(d.subresources ?? {})) {
      const subEntry: Record<string, unknown> = {
        name: `${d.resource}/${name}`,
        singularName: '',
        namespaced: d.namespaced,
        kind: sub.responseKind.kind,
        verbs: [...sub.verbs].sort(),
      };
      if (sub.responseKind.group !== group || sub.responseKind.version !== version) {
        subEntry['group'] = sub.responseKind.group;
        subEntry['version'] = sub.responseKind.version;
      }
      entries.push(subEntry);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(group, version), resources: entries };
}
