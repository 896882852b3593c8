// The pod fields the downward API exposes (fieldRef), as kubelet's fieldpath.ExtractFieldPathAsString formats them:
// name, namespace and UID as they are, one label or annotation by key, all labels or annotations as `key="value"`
// lines sorted by key.

import type { KubeObject } from '../../api/object.ts';

function formatMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((key) => `${key}=${JSON.stringify(map?.[key] ?? '')}`)
    .join('\n');
}

/** The value of a metadata field path; undefined for paths outside metadata. */
export function metadataField(pod: KubeObject, path: string): string | undefined {
  const meta = pod.metadata;
  const subscript = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (subscript) return (subscript[1] === 'labels' ? meta.labels : meta.annotations)?.[subscript[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'metadata.labels':
      return formatMap(meta.labels);
    case 'metadata.annotations':
      return formatMap(meta.annotations);
    default:
      return undefined;
  }
}
