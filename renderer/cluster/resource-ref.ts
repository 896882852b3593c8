// Names for resources and objects as the UI keys them, and the resources the lab always shows.

import type { ApiResourceInfo, KubeObjectJson, ObjectRef, ResourceRef } from '../../engine/protocol/host-api.ts';

/** `group/version/resource`, with '' for the core group (`/v1/pods`). */
export function resourceKey(ref: ResourceRef): string {
  return `${ref.group}/${ref.version}/${ref.resource}`;
}

export function refOf(info: ResourceRef): ResourceRef {
  return { group: info.group, version: info.version, resource: info.resource };
}

/** The apiVersion of a resource's objects: `v1` for the core group, else `group/version`. */
export function apiVersionOf(ref: ResourceRef): string {
  return ref.group ? `${ref.group}/${ref.version}` : ref.version;
}

/** The reference to one object of a resource. */
export function objectRefOf(ref: ResourceRef, object: KubeObjectJson): ObjectRef {
  const { namespace, name } = object.metadata ?? {};
  return { ...refOf(ref), ...(namespace ? { namespace } : {}), name: name ?? '' };
}

/** The resource serving `apiVersion`/`kind`, if discovery knows it. */
export function resourceForKind(
  resources: readonly ApiResourceInfo[],
  apiVersion: string,
  kind: string,
): ApiResourceInfo | undefined {
  return resources.find((r) => r.kind === kind && apiVersionOf(r) === apiVersion);
}

export const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
export const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes' };
