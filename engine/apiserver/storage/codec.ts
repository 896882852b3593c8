// How objects are stored: JSON bytes without resourceVersion (the store's modRevision is the resourceVersion, as in
// Kubernetes), so `etcdctl get /registry/...` shows readable objects.

import type { KubeObject } from '../../api/object.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Serialises an object for the store, leaving out resourceVersion and selfLink. */
export function encodeObject(obj: KubeObject): Uint8Array {
  const { resourceVersion: _rv, selfLink: _selfLink, ...metadata } = obj.metadata;
  return encoder.encode(JSON.stringify({ ...obj, metadata }));
}

/** Parses stored bytes and stamps the key's modRevision as the object's resourceVersion. */
export function decodeObject(value: Uint8Array, modRevision: number): KubeObject {
  const obj = JSON.parse(decoder.decode(value)) as KubeObject;
  obj.metadata.resourceVersion = String(modRevision);
  return obj;
}
