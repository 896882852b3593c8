// The heart of the EndpointSlice reconciler (k8s.io/endpointslice reconcileByPortMapping): for one set of ports,
// fit the desired endpoints into the existing slices with as few writes as possible — keep endpoints where they
// are, update changed ones in place, drop gone ones, fill slices that are being written anyway, then one untouched
// slice that has just enough room, and only then create new slices of at most maxEndpointsPerSlice.

import { deepCopy } from '../../api/object.ts';
import type { EndpointSet } from './endpoint-set.ts';
import { endpointsEqualBeyondHash } from './endpoint-set.ts';
import type { AddressType } from './slice-builders.ts';
import { endpointSliceLabels, newEndpointSlice } from './slice-builders.ts';
import type { EndpointPort, EndpointSlice, Service } from './types.ts';

export interface SliceChanges {
  toCreate: EndpointSlice[];
  toUpdate: EndpointSlice[];
  toDelete: EndpointSlice[];
}

export interface PortMappingInput {
  service: Service;
  existing: readonly EndpointSlice[];
  desired: EndpointSet;
  ports: EndpointPort[];
  addressType: AddressType;
  maxEndpointsPerSlice: number;
  controllerName: string;
}

/** The slice among `slices` that the endpoints fill most closely without overflowing it, if any. */
export function sliceToFill(
  slices: readonly EndpointSlice[],
  numEndpoints: number,
  maxEndpoints: number,
): EndpointSlice | undefined {
  let closestDiff = maxEndpoints;
  let closest: EndpointSlice | undefined;
  for (const slice of slices) {
    const diff = maxEndpoints - (numEndpoints + (slice.endpoints?.length ?? 0));
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = slice;
      if (diff === 0) return closest;
    }
  }
  return closest;
}

export function reconcileByPortMapping(input: PortMappingInput): SliceChanges {
  const { service, desired, maxEndpointsPerSlice: max, controllerName } = input;
  const byName = new Map<string, EndpointSlice>();
  const unchanged = new Set<string>();
  const toUpdate = new Set<string>();
  const toDelete = new Set<string>();

  // 1. Keep the desired endpoints of existing slices, in their latest form; drop the others.
  for (const existing of input.existing) {
    const name = existing.metadata.name ?? '';
    byName.set(name, existing);
    const kept = [];
    let endpointUpdated = false;
    for (const endpoint of existing.endpoints ?? []) {
      const want = desired.get(endpoint);
      if (!want) continue;
      kept.push(want);
      if (!endpointsEqualBeyondHash(want, endpoint)) endpointUpdated = true;
      desired.delete(endpoint);
    }
    const [labels, labelsChanged] = endpointSliceLabels(existing, service, controllerName);
    if (endpointUpdated || kept.length !== (existing.endpoints?.length ?? 0)) {
      if (kept.length === 0) {
        toDelete.add(name);
      } else {
        const slice = deepCopy(existing);
        slice.endpoints = kept;
        slice.metadata.labels = labels;
        byName.set(name, slice);
        toUpdate.add(name);
      }
    } else if (labelsChanged) {
      const slice = deepCopy(existing);
      slice.metadata.labels = labels;
      byName.set(name, slice);
      toUpdate.add(name);
    } else {
      unchanged.add(name);
    }
  }

  // 2. Fill the slices being updated anyway, fullest first.
  if (desired.size > 0 && toUpdate.size > 0) {
    const slices = [...toUpdate].map((name) => byName.get(name)!);
    slices.sort((a, b) => (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0));
    for (const slice of slices) {
      const endpoints = (slice.endpoints ??= []);
      while (desired.size > 0 && endpoints.length < max) endpoints.push(desired.pop()!);
    }
  }

  // 3. Fit what is left into one untouched slice with just enough room, or into new slices.
  const toCreate: EndpointSlice[] = [];
  while (desired.size > 0) {
    let slice: EndpointSlice | undefined;
    if (desired.size < max && unchanged.size > 0) {
      const candidate = sliceToFill(
        [...unchanged].map((name) => byName.get(name)!),
        desired.size,
        max,
      );
      if (candidate) {
        slice = deepCopy(candidate);
        byName.set(slice.metadata.name ?? '', slice);
      }
    }
    slice ??= newEndpointSlice(service, input.ports, input.addressType, controllerName);
    const endpoints = (slice.endpoints ??= []);
    while (desired.size > 0 && endpoints.length < max) endpoints.push(desired.pop()!);
    if (slice.metadata.name) {
      toUpdate.add(slice.metadata.name);
      unchanged.delete(slice.metadata.name);
    } else {
      toCreate.push(slice);
    }
  }

  return {
    toCreate,
    toUpdate: [...toUpdate].map((name) => byName.get(name)!),
    toDelete: [...toDelete].map((name) => byName.get(name)!),
  };
}
