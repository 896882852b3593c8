// The garbage collector's calls to the API server (operations.go): read, delete and patch an object named by its
// identity, and remove a finalizer — with the preconditions that keep it from touching an object other than the one
// it reasoned about.

import { deepEqual } from '../../api/json.ts';
import type { GroupVersionResource, KubeObject, OwnerReference } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Clock } from '../../lab/clock.ts';
import type { ObjectIdentity } from './graph.ts';
import type { Patch } from './patches.ts';
import { removeFinalizerMergePatch } from './patches.ts';
import type { RestMapper } from './rest-mapper.ts';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/** client-go's retry.DefaultBackoff: 4 tries, 10 ms apart, growing fivefold. */
const CONFLICT_RETRY_DELAYS_MS = [10, 50, 250];

export interface ResourceLocation {
  gvr: GroupVersionResource;
  /** The namespace to address the object in: '' for cluster-scoped kinds. */
  namespace: string;
  namespaced: boolean;
}

export class Operations {
  constructor(
    private readonly client: InProcessClient,
    private readonly mapper: RestMapper,
    private readonly clock: Clock,
  ) {}

  /** Where an object of this apiVersion and kind lives, seen from a namespace. */
  async locate(apiVersion: string, kind: string, namespace: string): Promise<ResourceLocation> {
    const resource = await this.mapper.resourceFor(apiVersion, kind);
    return { gvr: resource, namespace: resource.namespaced ? namespace : '', namespaced: resource.namespaced };
  }

  async getObject(id: ObjectIdentity): Promise<KubeObject> {
    const { gvr, namespace } = await this.locate(id.apiVersion, id.kind, id.namespace);
    return this.client.get(gvr, namespace, id.name);
  }

  /**
   * Deletes the object if it is still the one with this uid and resourceVersion. When only the resourceVersion
   * changed and the ownerReferences are still those the decision was made on, deletes it anyway.
   */
  async deleteObject(
    id: ObjectIdentity,
    resourceVersion: string | undefined,
    ownersAtResourceVersion: OwnerReference[] | undefined,
    policy: PropagationPolicy,
  ): Promise<void> {
    const { gvr, namespace } = await this.locate(id.apiVersion, id.kind, id.namespace);
    const remove = (preconditions: { uid: string; resourceVersion?: string }) =>
      this.client.delete(gvr, namespace, id.name, { preconditions, propagationPolicy: policy });
    try {
      await remove({ uid: id.uid, resourceVersion });
    } catch (error) {
      if (!isStatusError(error, 'Conflict') || !resourceVersion) throw error;
      const live = await this.client.get(gvr, namespace, id.name);
      const ownersUnchanged = deepEqual(live.metadata.ownerReferences, ownersAtResourceVersion);
      if (live.metadata.uid !== id.uid || live.metadata.resourceVersion === resourceVersion || !ownersUnchanged) {
        throw error;
      }
      await remove({ uid: id.uid });
    }
  }

  /** A strategic merge patch, or for kinds that refuse one (415), the JSON merge patch `mergePatch` computes. */
  async patch(id: ObjectIdentity, strategic: Patch, mergePatch: (live: KubeObject) => Patch): Promise<void> {
    const { gvr, namespace } = await this.locate(id.apiVersion, id.kind, id.namespace);
    try {
      await this.client.patch(gvr, namespace, id.name, 'strategic', strategic);
    } catch (error) {
      if (!isStatusError(error, 'UnsupportedMediaType')) throw error;
      const live = await this.client.get(gvr, namespace, id.name);
      await this.client.patch(gvr, namespace, id.name, 'merge', mergePatch(live));
    }
  }

  /** Removes one finalizer from the object (gone, or without it: nothing to do), retrying on conflicts. */
  async removeFinalizer(id: ObjectIdentity, finalizer: string): Promise<void> {
    const { gvr, namespace } = await this.locate(id.apiVersion, id.kind, id.namespace);
    for (let attempt = 0; ; attempt++) {
      let live: KubeObject;
      try {
        live = await this.client.get(gvr, namespace, id.name);
      } catch (error) {
        if (isStatusError(error, 'NotFound')) return;
        throw error;
      }
      if (live.metadata.uid !== id.uid || !live.metadata.finalizers?.includes(finalizer)) return;
      try {
        await this.client.patch(gvr, namespace, id.name, 'merge', removeFinalizerMergePatch(live, finalizer));
        return;
      } catch (error) {
        const delay = CONFLICT_RETRY_DELAYS_MS[attempt];
        if (!isStatusError(error, 'Conflict') || delay === undefined) throw error;
        await new Promise<void>((resolve) => this.clock.setTimeout(resolve, delay));
      }
    }
  }
}
