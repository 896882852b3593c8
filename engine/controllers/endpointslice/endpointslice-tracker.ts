// The EndpointSlice tracker (k8s.io/endpointslice/util EndpointSliceTracker): the generation of every slice a
// controller wrote, per Service, and the slices it deleted. It tells whether the informer cache has caught up with
// the controller's own writes (stale slices must not be reconciled) and whether a slice event is one the controller
// caused itself (no need to sync again) or someone else's (sync to undo it).

import type { EndpointSlice } from './types.ts';
import { LABEL_SERVICE_NAME } from './types.ts';

const DELETION_EXPECTED = -1;

function serviceKeyOf(slice: EndpointSlice): string {
  return `${slice.metadata.namespace ?? ''}/${slice.metadata.labels?.[LABEL_SERVICE_NAME] ?? ''}`;
}

export class EndpointSliceTracker {
  /** Service key → slice uid → expected generation (or DELETION_EXPECTED). */
  private readonly generationsByService = new Map<string, Map<string, number>>();
  private readonly serviceUIDs = new Map<string, string>();

  has(slice: EndpointSlice): boolean {
    return this.generationsByService.get(serviceKeyOf(slice))?.has(slice.metadata.uid ?? '') ?? false;
  }

  /** Whether the slice is newer than the controller's last write of it (or unknown to it). */
  shouldSync(slice: EndpointSlice): boolean {
    const generations = this.generationsByService.get(serviceKeyOf(slice));
    if (!generations) return true;
    const expected = generations.get(slice.metadata.uid ?? '');
    return expected === undefined || (slice.metadata.generation ?? 0) > expected;
  }

  /**
   * Whether the cached slices lag behind the controller's writes: an older generation than written, a slice
   * expected deleted still listed, or a written slice missing. Tracking restarts when the Service was recreated.
   */
  staleSlices(
    namespace: string,
    name: string,
    serviceUID: string | undefined,
    slices: readonly EndpointSlice[],
  ): boolean {
    const key = `${namespace}/${name}`;
    const trackedUID = this.serviceUIDs.get(key);
    if (trackedUID && serviceUID && trackedUID !== serviceUID) this.generationsByService.delete(key);
    if (serviceUID) this.serviceUIDs.set(key, serviceUID);
    const generations = this.generationsByService.get(key);
    if (!generations) return false;
    const provided = new Set<string>();
    for (const slice of slices) {
      const uid = slice.metadata.uid ?? '';
      provided.add(uid);
      const expected = generations.get(uid);
      if (expected !== undefined && (expected === DELETION_EXPECTED || expected > (slice.metadata.generation ?? 0)))
        return true;
    }
    for (const [uid, generation] of generations) {
      if (generation !== DELETION_EXPECTED && !provided.has(uid)) return true;
    }
    return false;
  }

  /** Records the generation of a slice the controller just created or updated. */
  update(slice: EndpointSlice): void {
    this.generationsOf(slice).set(slice.metadata.uid ?? '', slice.metadata.generation ?? 0);
  }

  expectDeletion(slice: EndpointSlice): void {
    this.generationsOf(slice).set(slice.metadata.uid ?? '', DELETION_EXPECTED);
  }

  /** Forgets a deleted slice; true if the controller deleted it itself. */
  handleDeletion(slice: EndpointSlice): boolean {
    const generations = this.generationsByService.get(serviceKeyOf(slice));
    if (!generations) return true;
    const uid = slice.metadata.uid ?? '';
    const expected = generations.get(uid);
    generations.delete(uid);
    return expected === undefined || expected === DELETION_EXPECTED;
  }

  deleteService(namespace: string, name: string): void {
    this.generationsByService.delete(`${namespace}/${name}`);
    this.serviceUIDs.delete(`${namespace}/${name}`);
  }

  private generationsOf(slice: EndpointSlice): Map<string, number> {
    const key = serviceKeyOf(slice);
    let generations = this.generationsByService.get(key);
    if (!generations) this.generationsByService.set(key, (generations = new Map()));
    return generations;
  }
}
