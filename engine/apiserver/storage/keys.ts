// Store keys for API objects: /registry/<prefix>/<namespace>/<name> for namespaced resources and
// /registry/<prefix>/<name> for cluster-scoped ones, as kube-apiserver lays them out in etcd.

export const REGISTRY_ROOT = '/registry';

/** The key prefix holding every object of a resource (with a trailing slash). */
export function resourcePrefix(storagePrefix: string): string {
  return `${REGISTRY_ROOT}/${storagePrefix}/`;
}

/** The key prefix for one namespace of a namespaced resource, or the whole resource when namespace is "". */
export function namespacePrefix(storagePrefix: string, namespace: string): string {
  return namespace ? `${resourcePrefix(storagePrefix)}${namespace}/` : resourcePrefix(storagePrefix);
}

export function objectKey(storagePrefix: string, namespace: string, name: string): string {
  return namespace ? `${resourcePrefix(storagePrefix)}${namespace}/${name}` : `${resourcePrefix(storagePrefix)}${name}`;
}
