// What a request is about, read from its method, path and query as k8s.io/apiserver's RequestInfoFactory does:
// a resource request (/api/v1/namespaces/ns/pods/name/log) with its verb, group, version, namespace, resource,
// name and sub-resource — or a non-resource request (/healthz, /version, /openapi/v3).

export interface RequestInfo {
  isResourceRequest: boolean;
  /** The URL path, for non-resource requests (authorization matches nonResourceURLs against it). */
  path: string;
  /** get, list, watch, create, update, patch, delete, deletecollection; for non-resource: the lower-case method. */
  verb: string;
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

const API_PREFIXES = new Set(['api', 'apis']);
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function methodVerb(method: string): string {
  switch (method) {
    case 'POST':
      return 'create';
    case 'GET':
    case 'HEAD':
      return 'get';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return method.toLowerCase();
  }
}

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const nonResource: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  const segments = path
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .filter((s) => s !== '');
  let parts = segments.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  if (parts.length < 1 || !API_PREFIXES.has(parts[0]!)) return nonResource;
  const info: RequestInfo = { ...nonResource, apiPrefix: parts[0]! };
  parts = parts.slice(1);
  if (info.apiPrefix === 'api') {
    if (parts.length < 1) return nonResource;
    info.apiVersion = parts[0]!;
    parts = parts.slice(1);
  } else {
    if (parts.length < 2) return nonResource;
    info.apiGroup = parts[0]!;
    info.apiVersion = parts[1]!;
    parts = parts.slice(2);
  }
  if (parts.length === 0) return nonResource;
  info.isResourceRequest = true;
  info.verb = methodVerb(method);

  if (parts[0] === 'watch') {
    // Deprecated /watch/ paths: a GET there is a watch.
    if (info.verb === 'get') info.verb = 'watch';
    parts = parts.slice(1);
  }
  // /namespaces/<ns>/<resource>/… addresses a resource in a namespace; /namespaces/<ns>[/status|finalize] the
  // namespace object itself (whose "namespace" is then its own name, as upstream reports it).
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1]!;
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2);
    }
  }
  info.parts = parts;
  if (parts.length >= 3) info.subresource = parts[2]!;
  if (parts.length >= 2) info.name = parts[1]!;
  if (parts.length >= 1) info.resource = parts[0]!;

  if (info.name === '' && info.verb === 'get') info.verb = 'list';
  if (info.name === '' && info.verb === 'delete') info.verb = 'deletecollection';
  const watch = query.get('watch');
  if (watch !== null && (watch === 'true' || watch === '1') && (info.verb === 'list' || info.verb === 'get')) {
    info.verb = 'watch';
  }
  return info;
}
