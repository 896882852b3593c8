// URL paths of API resources: /api/v1/namespaces/<ns>/pods/<name>/<sub> and /apis/<group>/<version>/…

import type { GroupVersionResource } from '../api/object.ts';

export function resourcePath(gvr: GroupVersionResource, namespace = '', name = '', subresource = ''): string {
  let path = gvr.group ? `/apis/${gvr.group}/${gvr.version}` : `/api/${gvr.version}`;
  if (namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${gvr.resource}`;
  if (name) path += `/${encodeURIComponent(name)}`;
  if (subresource) path += `/${subresource}`;
  return path;
}
