// The EndpointSlice reconciler (k8s.io/endpointslice Reconciler): turns a Service and its pods into the slices it
// should have, per address type and set of ports, and writes the difference — turning creates plus deletes into
// updates where it can, keeping one empty placeholder slice when a Service has no endpoints, and recording every
// write in the tracker so the controller can tell its own changes from others'.

import type { KubeObject } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Lister } from '../../client/lister.ts';
import { rfc3339 } from '../../api/json.ts';
import { EndpointSet } from './endpoint-set.ts';
import type { EndpointSliceTracker } from './endpointslice-tracker.ts';
import { shouldPodBeInEndpoints } from './pod-endpoints.ts';
import type { SliceChanges } from './port-mapping.ts';
import { reconcileByPortMapping } from './port-mapping.ts';
import type { AddressType } from './slice-builders.ts';
import {
  addressTypesForService,
  endpointPortsForPod,
  newEndpointSlice,
  ownedBy,
  podToEndpoint,
  portMapKey,
} from './slice-builders.ts';
import type { EndpointPod, EndpointPort, EndpointSlice, Service } from './types.ts';
import { ANNOTATION_LAST_CHANGE_TRIGGER_TIME } from './types.ts';

export const ENDPOINT_SLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };

export interface ReconcilerOptions {
  maxEndpointsPerSlice: number;
  controllerName: string;
}

/** Whether a create failed because the namespace is being deleted (the item is dropped then, as upstream). */
export function namespaceTerminating(error: unknown): boolean {
  return (
    isStatusError(error) &&
    (error.status.details?.causes ?? []).some((cause) => cause.reason === 'NamespaceTerminating')
  );
}

/** The empty slice a Service with no endpoints keeps, compared as upstream's placeholderSliceCompare does. */
function isPlaceholder(slice: EndpointSlice, placeholder: EndpointSlice): boolean {
  const a = slice.metadata.labels ?? {};
  const b = placeholder.metadata.labels ?? {};
  return (
    slice.metadata.namespace === placeholder.metadata.namespace &&
    Object.keys(a).length === Object.keys(b).length &&
    Object.entries(a).every(([k, v]) => b[k] === v) &&
    slice.addressType === placeholder.addressType &&
    (slice.endpoints ?? []).length === 0 &&
    (slice.ports ?? []).length === 0
  );
}

function setTriggerTime(slice: EndpointSlice, triggerTime: number | undefined): void {
  const annotations = { ...slice.metadata.annotations };
  if (triggerTime !== undefined) annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME] = rfc3339(triggerTime);
  else delete annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME];
  slice.metadata.annotations = annotations;
}

export class Reconciler {
  constructor(
    private readonly client: InProcessClient,
    private readonly nodes: Lister,
    private readonly tracker: EndpointSliceTracker,
    private readonly options: ReconcilerOptions,
  ) {}

  /** Brings the Service's slices in line with its pods; throws after writing if some pods had to be left out. */
  async reconcile(
    service: Service,
    pods: readonly EndpointPod[],
    existing: readonly EndpointSlice[],
    triggerTime: number | undefined,
  ): Promise<void> {
    const supported = addressTypesForService(service);
    const byType = new Map<string, EndpointSlice[]>();
    const unsupported: EndpointSlice[] = [];
    for (const slice of existing) {
      if (!supported.includes(slice.addressType as AddressType)) unsupported.push(slice);
      else if (byType.has(slice.addressType)) byType.get(slice.addressType)!.push(slice);
      else byType.set(slice.addressType, [slice]);
    }
    const errors: string[] = [];
    for (const addressType of supported) {
      try {
        await this.reconcileByAddressType(service, pods, byType.get(addressType) ?? [], triggerTime, addressType);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    for (const slice of unsupported) {
      try {
        await this.client.delete(ENDPOINT_SLICES, slice.metadata.namespace ?? '', slice.metadata.name ?? '');
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (errors.length > 0) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  }

  private async reconcileByAddressType(
    service: Service,
    pods: readonly EndpointPod[],
    existing: readonly EndpointSlice[],
    triggerTime: number | undefined,
    addressType: AddressType,
  ): Promise<void> {
    const { controllerName, maxEndpointsPerSlice } = this.options;
    const changes: SliceChanges = { toCreate: [], toUpdate: [], toDelete: [] };
    const existingByPorts = new Map<string, EndpointSlice[]>();
    for (const slice of existing) {
      if (!ownedBy(slice, service)) {
        changes.toDelete.push(slice);
        continue;
      }
      const key = portMapKey(slice.ports);
      if (existingByPorts.has(key)) existingByPorts.get(key)!.push(slice);
      else existingByPorts.set(key, [slice]);
    }

    const desiredByPorts = new Map<string, { ports: EndpointPort[]; endpoints: EndpointSet }>();
    const errors: string[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports = endpointPortsForPod(service, pod);
      const key = portMapKey(ports);
      let desired = desiredByPorts.get(key);
      if (!desired) desiredByPorts.set(key, (desired = { ports, endpoints: new EndpointSet() }));
      const node = this.nodes.get('', pod.spec?.nodeName ?? '');
      if (!node && service.spec?.publishNotReadyAddresses !== true) {
        // The pod GC removes pods of missing nodes; until then leave the pod out and come back.
        errors.push(
          `skipping Pod ${pod.metadata.name} for Service ${service.metadata.namespace}/${service.metadata.name}: Node ${pod.spec?.nodeName ?? ''} Not Found`,
        );
        continue;
      }
      const endpoint = podToEndpoint(pod, node, service, addressType);
      if (endpoint.addresses.length > 0) desired.endpoints.insert(endpoint);
    }

    for (const [key, desired] of desiredByPorts) {
      const planned = reconcileByPortMapping({
        service,
        existing: existingByPorts.get(key) ?? [],
        desired: desired.endpoints,
        ports: desired.ports,
        addressType,
        maxEndpointsPerSlice,
        controllerName,
      });
      changes.toCreate.push(...planned.toCreate);
      changes.toUpdate.push(...planned.toUpdate);
      changes.toDelete.push(...planned.toDelete);
    }
    for (const [key, slices] of existingByPorts) if (!desiredByPorts.has(key)) changes.toDelete.push(...slices);

    if (existing.length === changes.toDelete.length && changes.toCreate.length === 0) {
      const placeholder = newEndpointSlice(service, [], addressType, controllerName);
      const only = changes.toDelete[0];
      if (changes.toDelete.length === 1 && only && isPlaceholder(only, placeholder)) changes.toDelete = [];
      else changes.toCreate.push(placeholder);
    }

    try {
      await this.finalize(service, changes, triggerTime);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    if (errors.length > 0) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  }

  /** Writes the changes: creates become updates of slices about to be deleted when it can; creates stop on deletion. */
  private async finalize(service: Service, changes: SliceChanges, triggerTime: number | undefined): Promise<void> {
    const { toCreate, toUpdate, toDelete } = changes;
    for (let i = 0; i < toDelete.length && toCreate.length > 0;) {
      const doomed = toDelete[i]!;
      const created = toCreate[toCreate.length - 1]!;
      if (doomed.addressType === created.addressType && ownedBy(doomed, service)) {
        created.metadata.name = doomed.metadata.name;
        toCreate.pop();
        toUpdate.push(created);
        toDelete.splice(i, 1);
      } else {
        i++;
      }
    }
    const namespace = service.metadata.namespace ?? '';
    if (!service.metadata.deletionTimestamp) {
      for (const slice of toCreate) {
        setTriggerTime(slice, triggerTime);
        let created: KubeObject;
        try {
          created = await this.client.create(ENDPOINT_SLICES, namespace, slice);
        } catch (error) {
          if (namespaceTerminating(error)) return;
          throw new Error(
            `failed to create EndpointSlice for Service ${namespace}/${service.metadata.name}: ${String(error)}`,
            { cause: error },
          );
        }
        this.tracker.update(created as EndpointSlice);
      }
    }
    for (const slice of toUpdate) {
      setTriggerTime(slice, triggerTime);
      let updated: KubeObject;
      try {
        updated = await this.client.update(ENDPOINT_SLICES, slice);
      } catch (error) {
        throw new Error(
          `failed to update ${slice.metadata.name} EndpointSlice for Service ${namespace}/${service.metadata.name}: ${String(error)}`,
          { cause: error },
        );
      }
      this.tracker.update(updated as EndpointSlice);
    }
    for (const slice of toDelete) {
      try {
        await this.client.delete(ENDPOINT_SLICES, namespace, slice.metadata.name ?? '');
      } catch (error) {
        throw new Error(
          `failed to delete ${slice.metadata.name} EndpointSlice for Service ${namespace}/${service.metadata.name}: ${String(error)}`,
          { cause: error },
        );
      }
      this.tracker.expectDeletion(slice);
    }
  }
}
