// A set of EndpointSlice endpoints keyed as upstream's EndpointSet: by addresses, hostname and the target's
// namespace/name only, so an endpoint whose conditions, node or zone changed is the same endpoint, updated in place.

import type { Endpoint, ObjectReference } from './types.ts';

export function endpointKey(endpoint: Endpoint): string {
  return JSON.stringify([
    [...endpoint.addresses].sort(),
    endpoint.hostname ?? '',
    endpoint.targetRef?.namespace ?? '',
    endpoint.targetRef?.name ?? '',
  ]);
}

function sameReference(a: ObjectReference | undefined, b: ObjectReference | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.kind === b.kind &&
    a.namespace === b.namespace &&
    a.name === b.name &&
    a.uid === b.uid &&
    a.apiVersion === b.apiVersion &&
    a.fieldPath === b.fieldPath
  );
}

/** EndpointsEqualBeyondHash: node, zone, conditions and target (its resourceVersion aside) are the same. */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  return (
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    a.conditions?.ready === b.conditions?.ready &&
    a.conditions?.serving === b.conditions?.serving &&
    a.conditions?.terminating === b.conditions?.terminating &&
    sameReference(a.targetRef, b.targetRef)
  );
}

export class EndpointSet {
  private readonly items = new Map<string, Endpoint>();

  get size(): number {
    return this.items.size;
  }

  insert(endpoint: Endpoint): void {
    this.items.set(endpointKey(endpoint), endpoint);
  }

  /** The desired endpoint with the same key as `endpoint`, if any. */
  get(endpoint: Endpoint): Endpoint | undefined {
    return this.items.get(endpointKey(endpoint));
  }

  delete(endpoint: Endpoint): void {
    this.items.delete(endpointKey(endpoint));
  }

  /** Takes one endpoint out of the set (the earliest inserted). */
  pop(): Endpoint | undefined {
    for (const [key, endpoint] of this.items) {
      this.items.delete(key);
      return endpoint;
    }
    return undefined;
  }
}
