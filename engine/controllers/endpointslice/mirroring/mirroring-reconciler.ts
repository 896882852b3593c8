// The mirroring reconciler (pkg/controller/endpointslicemirroring/reconciler.go): one EndpointSlice per address type
// and set of ports of a custom Endpoints object, carrying its labels and annotations (bar the trigger time and
// kubectl's last-applied configuration), owned by the Endpoints. Slices already right are left alone; the first
// slice of a group is rewritten in place, extra ones deleted, and creates reuse slices about to be deleted.

import type { KubeObject } from '../../../api/object.ts';
import type { EventRecorder } from '../../../client/event-recorder.ts';
import type { InProcessClient } from '../../../client/in-process-client.ts';
import type { Endpoints } from '../../endpoints/types.ts';
import type { EndpointSet } from '../endpoint-set.ts';
import { endpointsEqualBeyondHash } from '../endpoint-set.ts';
import type { EndpointSliceTracker } from '../endpointslice-tracker.ts';
import type { SliceChanges } from '../port-mapping.ts';
import { ENDPOINT_SLICES, namespaceTerminating } from '../reconciler.ts';
import { sameStringMap } from '../semantic-equal.ts';
import type { AddressType } from '../slice-builders.ts';
import { endpointSlicePrefix } from '../slice-builders.ts';
import { newControllerRef } from '../../common/controller-ref.ts';
import type { EndpointPort, EndpointSlice } from '../types.ts';
import {
  ANNOTATION_LAST_APPLIED_CONFIG,
  ANNOTATION_LAST_CHANGE_TRIGGER_TIME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
} from '../types.ts';
import { desiredEndpoints, mirrorKey } from './desired-endpoints.ts';

export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';

function withoutKeys(map: Record<string, string> | undefined, ...keys: string[]): Record<string, string> {
  const copy = { ...map };
  for (const key of keys) delete copy[key];
  return copy;
}

/** The mirrored slice of a group: the Endpoints' labels and annotations, owned by the Endpoints. */
export function newMirroredSlice(
  endpoints: Endpoints,
  ports: EndpointPort[],
  addressType: AddressType,
  name: string | undefined,
): EndpointSlice {
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      namespace: endpoints.metadata.namespace,
      labels: {
        ...endpoints.metadata.labels,
        [LABEL_SERVICE_NAME]: endpoints.metadata.name ?? '',
        [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER_NAME,
      },
      annotations: withoutKeys(
        endpoints.metadata.annotations,
        ANNOTATION_LAST_CHANGE_TRIGGER_TIME,
        ANNOTATION_LAST_APPLIED_CONFIG,
      ),
      ownerReferences: [newControllerRef(endpoints, 'v1', 'Endpoints')],
    },
    addressType,
    endpoints: [],
    ports,
  };
  if (name) slice.metadata.name = name;
  else slice.metadata.generateName = endpointSlicePrefix(endpoints.metadata.name ?? '');
  return slice;
}

interface Totals {
  added: number;
  updated: number;
  removed: number;
}

/** How many endpoints a slice would gain, change and lose to match the desired set. */
export function totalChanges(slice: EndpointSlice, desired: EndpointSet): Totals {
  const totals: Totals = { added: 0, updated: 0, removed: 0 };
  let matches = 0;
  for (const endpoint of slice.endpoints ?? []) {
    const want = desired.get(endpoint);
    if (!want) totals.removed++;
    else {
      matches++;
      if (!endpointsEqualBeyondHash(want, endpoint)) totals.updated++;
    }
  }
  totals.added = desired.size - matches;
  return totals;
}

/** recycleSlices: a create becomes the update of a slice of its address type that was to be deleted. */
export function recycleSlices(changes: SliceChanges): void {
  for (let i = 0; i < changes.toDelete.length;) {
    const doomed = changes.toDelete[i]!;
    const index = changes.toCreate.findLastIndex((slice) => slice.addressType === doomed.addressType);
    if (index < 0) {
      i++;
      continue;
    }
    const [recycled] = changes.toCreate.splice(index, 1);
    recycled!.metadata.name = doomed.metadata.name;
    delete recycled!.metadata.generateName;
    changes.toUpdate.push(recycled!);
    changes.toDelete.splice(i, 1);
  }
}

export class MirroringReconciler {
  constructor(
    private readonly client: InProcessClient,
    private readonly tracker: EndpointSliceTracker,
    private readonly recorder: EventRecorder,
    private readonly maxEndpointsPerSubset: number,
  ) {}

  async reconcile(endpoints: Endpoints, existing: readonly EndpointSlice[]): Promise<void> {
    const desired = desiredEndpoints(endpoints.subsets ?? [], this.maxEndpointsPerSubset);
    if (desired.invalidAddresses > 0) {
      this.recorder.event(
        endpoints,
        'Warning',
        'InvalidIPAddress',
        `Skipped ${desired.invalidAddresses} invalid IP addresses when mirroring to EndpointSlices`,
      );
    }
    if (desired.skippedAddresses > desired.invalidAddresses) {
      this.recorder.event(
        endpoints,
        'Warning',
        'TooManyAddressesToMirror',
        `A max of ${this.maxEndpointsPerSubset} addresses can be mirrored to EndpointSlices per Endpoints subset. ${desired.skippedAddresses} addresses were skipped`,
      );
    }
    const existingByKey = new Map<string, EndpointSlice[]>();
    for (const slice of existing) {
      const key = mirrorKey(slice.addressType, slice.ports);
      if (existingByKey.has(key)) existingByKey.get(key)!.push(slice);
      else existingByKey.set(key, [slice]);
    }
    const changes: SliceChanges = { toCreate: [], toUpdate: [], toDelete: [] };
    for (const [key, group] of desired.groups) {
      this.reconcileGroup(
        endpoints,
        existingByKey.get(key) ?? [],
        group.endpoints,
        group.ports,
        group.addressType,
        changes,
      );
    }
    for (const [key, slices] of existingByKey) if (!desired.groups.has(key)) changes.toDelete.push(...slices);
    await this.finalize(endpoints, changes);
  }

  /** Deletes every mirrored slice of an Endpoints object that should no longer be mirrored. */
  async deleteSlices(namespace: string, name: string, slices: readonly EndpointSlice[]): Promise<void> {
    const failures: string[] = [];
    for (const slice of slices) {
      try {
        await this.client.delete(ENDPOINT_SLICES, namespace, slice.metadata.name ?? '');
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (failures.length > 0) {
      throw new Error(
        `Error(s) deleting ${failures.length}/${slices.length} EndpointSlices for ${namespace}/${name} Endpoints, including: ${failures[0]}`,
      );
    }
  }

  private reconcileGroup(
    endpoints: Endpoints,
    existing: readonly EndpointSlice[],
    desired: EndpointSet,
    ports: EndpointPort[],
    addressType: AddressType,
    changes: SliceChanges,
  ): void {
    if (desired.size === 0) {
      changes.toDelete.push(...existing);
      return;
    }
    const first = existing[0];
    if (first) {
      changes.toDelete.push(...existing.slice(1));
      const totals = totalChanges(first, desired);
      const sameLabels = sameStringMap(
        endpoints.metadata.labels,
        withoutKeys(first.metadata.labels, LABEL_MANAGED_BY, LABEL_SERVICE_NAME),
      );
      const sameAnnotations = sameStringMap(
        withoutKeys(
          endpoints.metadata.annotations,
          ANNOTATION_LAST_CHANGE_TRIGGER_TIME,
          ANNOTATION_LAST_APPLIED_CONFIG,
        ),
        first.metadata.annotations,
      );
      if (totals.added === 0 && totals.updated === 0 && totals.removed === 0 && sameLabels && sameAnnotations) return;
    }
    const slice = newMirroredSlice(endpoints, ports, addressType, first?.metadata.name);
    const list = (slice.endpoints ??= []);
    while (desired.size > 0 && list.length < this.maxEndpointsPerSubset) list.push(desired.pop()!);
    if (slice.metadata.name) changes.toUpdate.push(slice);
    else changes.toCreate.push(slice);
  }

  private async finalize(endpoints: Endpoints, changes: SliceChanges): Promise<void> {
    recycleSlices(changes);
    const namespace = endpoints.metadata.namespace ?? '';
    const name = endpoints.metadata.name ?? '';
    if (!endpoints.metadata.deletionTimestamp) {
      for (const slice of changes.toCreate) {
        let created: KubeObject;
        try {
          created = await this.client.create(ENDPOINT_SLICES, namespace, slice);
        } catch (error) {
          if (namespaceTerminating(error)) return;
          throw new Error(`failed to create EndpointSlice for Endpoints ${namespace}/${name}: ${String(error)}`, {
            cause: error,
          });
        }
        this.tracker.update(created as EndpointSlice);
      }
    }
    for (const slice of changes.toUpdate) {
      let updated: KubeObject;
      try {
        updated = await this.client.update(ENDPOINT_SLICES, slice);
      } catch (error) {
        throw new Error(
          `failed to update ${slice.metadata.name} EndpointSlice for Endpoints ${namespace}/${name}: ${String(error)}`,
          { cause: error },
        );
      }
      this.tracker.update(updated as EndpointSlice);
    }
    for (const slice of changes.toDelete) {
      try {
        await this.client.delete(ENDPOINT_SLICES, namespace, slice.metadata.name ?? '');
      } catch (error) {
        throw new Error(
          `failed to delete ${slice.metadata.name} EndpointSlice for Endpoints ${namespace}/${name}: ${String(error)}`,
          { cause: error },
        );
      }
      this.tracker.expectDeletion(slice);
    }
  }
}
