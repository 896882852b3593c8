// The objects a YAML text names: per non-empty document its apiVersion, kind, namespace and name, resolved to the
// resource discovery says serves it — what Delete deletes, and what a tab is titled after.

import { parseAllDocuments } from 'yaml';
import type { ApiResourceInfo, ObjectRef } from '../../engine/protocol/host-api.ts';
import { resourceForKind } from '../cluster/resource-ref.ts';

export interface NamedDocument {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function namedDocuments(text: string): NamedDocument[] {
  const named: NamedDocument[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.contents === null || document.errors.length > 0) continue;
    const value = document.toJS() as {
      apiVersion?: unknown;
      kind?: unknown;
      metadata?: { name?: unknown; namespace?: unknown };
    } | null;
    if (typeof value?.apiVersion !== 'string' || typeof value.kind !== 'string') continue;
    const name = value.metadata?.name;
    const namespace = value.metadata?.namespace;
    named.push({
      apiVersion: value.apiVersion,
      kind: value.kind,
      name: typeof name === 'string' ? name : '',
      ...(typeof namespace === 'string' ? { namespace } : {}),
    });
  }
  return named;
}

/** The objects of `text` the cluster serves; a namespaced object without a namespace is in 'default'. */
export function documentRefs(text: string, resources: readonly ApiResourceInfo[]): ObjectRef[] {
  const refs: ObjectRef[] = [];
  for (const doc of namedDocuments(text)) {
    const info = resourceForKind(resources, doc.apiVersion, doc.kind);
    if (!info || !doc.name) continue;
    const ref: ObjectRef = { group: info.group, version: info.version, resource: info.resource, name: doc.name };
    if (info.namespaced) ref.namespace = doc.namespace ?? 'default';
    refs.push(ref);
  }
  return refs;
}
