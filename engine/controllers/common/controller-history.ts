// ControllerRevision history for the controllers that keep one (pkg/controller/history): StatefulSets and DaemonSets
// snapshot their pod template in immutable ControllerRevisions named `<parent>-<hash>`, numbered by `revision`, so
// they can tell current pods from updated ones and roll back. The hash is upstream's: FNV-32 of the revision data as
// Go encodes it, plus the collision count, written with the safe alphabet of rand.SafeEncodeString.

import { deepEqual } from '../../api/json.ts';
import type { KubeObject } from '../../api/object.ts';
import { goJson } from '../../api/go-format.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { controllerRefOf, newControllerRef, objectsControlledBy, orphansIn } from './controller-ref.ts';
import { safeEncodeString } from './hash/safe-encode.ts';

export const CONTROLLER_REVISIONS = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };

/** The label every ControllerRevision carries with its hash. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

export interface ControllerRevision extends KubeObject {
  data?: unknown;
  revision: number;
}

/** The apiVersion and kind of a revision's parent, for its controller reference. */
export interface ParentKind {
  apiVersion: string;
  kind: string;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MAX_PREFIX = 223;

/** hash/fnv New32 (FNV-1: multiply, then xor) over UTF-8 bytes, continuing from `hash`. */
export function fnv32(text: string, hash = FNV_OFFSET): number {
  let h = hash;
  for (const byte of new TextEncoder().encode(text)) h = (Math.imul(h, FNV_PRIME) ^ byte) >>> 0;
  return h;
}

/** history.HashControllerRevision: the data's Go JSON, then the collision count if any. */
export function hashControllerRevision(data: unknown, collisionCount?: number): string {
  let hash = fnv32(goJson(data));
  if (collisionCount !== undefined) hash = fnv32(String(collisionCount), hash);
  return safeEncodeString(String(hash));
}

/** history.ControllerRevisionName: the parent's name (cut to 223 characters) and the hash. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.slice(0, MAX_PREFIX)}-${hash}`;
}

/** history.NewControllerRevision: the template's labels plus the hash label, owned by the parent. */
export function newControllerRevision(
  parent: KubeObject,
  parentKind: ParentKind,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
  collisionCount?: number,
): ControllerRevision {
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(parent.metadata.name ?? '', hash),
      namespace: parent.metadata.namespace,
      labels: { ...templateLabels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef(parent, parentKind.apiVersion, parentKind.kind)],
    },
    data,
    revision,
  };
}

function creationTime(revision: ControllerRevision): string {
  return revision.metadata.creationTimestamp ?? '';
}

/** history.SortControllerRevisions: by revision, then creation time, then name. Sorts in place. */
export function sortControllerRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return revisions.sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const at = creationTime(a);
    const bt = creationTime(b);
    if (at !== bt) return at < bt ? -1 : 1;
    const an = a.metadata.name ?? '';
    const bn = b.metadata.name ?? '';
    return an < bn ? -1 : an > bn ? 1 : 0;
  });
}

/** history.EqualRevision: the same data (hash labels, when both parse as numbers, must agree too). */
export function equalRevision(a: ControllerRevision | undefined, b: ControllerRevision | undefined): boolean {
  if (!a || !b) return a === b;
  const ah = Number(a.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]);
  const bh = Number(b.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]);
  if (Number.isInteger(ah) && Number.isInteger(bh) && ah !== bh) return false;
  return deepEqual(a.data ?? null, b.data ?? null);
}

/** history.FindEqualRevisions. */
export function findEqualRevisions(revisions: ControllerRevision[], needle: ControllerRevision): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** The revision number after the highest of sorted revisions (1 for none). */
export function nextRevision(revisions: ControllerRevision[]): number {
  const last = revisions[revisions.length - 1];
  return last ? last.revision + 1 : 1;
}

/** A collision count the caller shares with createControllerRevision, which bumps it on every name collision. */
export interface CollisionCount {
  value: number;
}

/** history.Interface over the API and a ControllerRevision informer indexed by controller (controllerIndexedInformer). */
export class ControllerHistory {
  constructor(
    private readonly client: InProcessClient,
    private readonly revisions: SharedInformer,
  ) {}

  /** Revisions matching the selector that the parent controls, or that are orphans in its namespace. */
  listControllerRevisions(parent: KubeObject, selector: LabelSelector): ControllerRevision[] {
    const candidates = [
      ...objectsControlledBy(this.revisions, parent.metadata.uid ?? ''),
      ...orphansIn(this.revisions, parent.metadata.namespace ?? ''),
    ] as ControllerRevision[];
    return candidates.filter((revision) => selector.matches(revision.metadata.labels));
  }

  /**
   * Creates the revision under a name from its hash and the collision count; when another revision with different
   * data holds the name, counts a collision and tries the next name. An equal revision already there is returned.
   */
  async createControllerRevision(
    parent: KubeObject,
    revision: ControllerRevision,
    collisionCount: CollisionCount,
  ): Promise<ControllerRevision> {
    const namespace = parent.metadata.namespace ?? '';
    for (;;) {
      const hash = hashControllerRevision(revision.data, collisionCount.value);
      const clone: ControllerRevision = {
        ...revision,
        metadata: { ...revision.metadata, name: controllerRevisionName(parent.metadata.name ?? '', hash) },
      };
      try {
        return (await this.client.create(CONTROLLER_REVISIONS, namespace, clone)) as ControllerRevision;
      } catch (error) {
        if (!isStatusError(error, 'AlreadyExists')) throw error;
        const exists = (await this.client.get(
          CONTROLLER_REVISIONS,
          namespace,
          clone.metadata.name ?? '',
        )) as ControllerRevision;
        if (deepEqual(exists.data ?? null, clone.data ?? null)) return exists;
        collisionCount.value++;
      }
    }
  }

  /** Gives an existing revision a new revision number (a rollback to it), retrying on conflicts. */
  async updateControllerRevision(revision: ControllerRevision, newRevision: number): Promise<ControllerRevision> {
    let current = revision;
    for (;;) {
      if (current.revision === newRevision) return current;
      try {
        return (await this.client.update(CONTROLLER_REVISIONS, {
          ...current,
          revision: newRevision,
        })) as ControllerRevision;
      } catch (error) {
        if (!isStatusError(error, 'Conflict')) throw error;
        current = (await this.client.get(
          CONTROLLER_REVISIONS,
          current.metadata.namespace ?? '',
          current.metadata.name ?? '',
        )) as ControllerRevision;
      }
    }
  }

  async deleteControllerRevision(revision: ControllerRevision): Promise<void> {
    try {
      await this.client.delete(CONTROLLER_REVISIONS, revision.metadata.namespace ?? '', revision.metadata.name ?? '');
    } catch (error) {
      if (!isStatusError(error, 'NotFound')) throw error;
    }
  }

  /** Adds the parent's controller reference to an orphan revision (a strategic merge patch with a uid check). */
  adoptControllerRevision(
    parent: KubeObject,
    parentKind: ParentKind,
    revision: ControllerRevision,
  ): Promise<ControllerRevision> {
    const owner = controllerRefOf(revision);
    if (owner) return Promise.reject(new Error(`attempt to adopt revision owned by ${owner.kind} ${owner.name}`));
    const patch = {
      metadata: {
        ownerReferences: [newControllerRef(parent, parentKind.apiVersion, parentKind.kind)],
        uid: revision.metadata.uid,
      },
    };
    return this.client.patch(
      CONTROLLER_REVISIONS,
      parent.metadata.namespace ?? '',
      revision.metadata.name ?? '',
      'strategic',
      patch,
    ) as Promise<ControllerRevision>;
  }

  /** Removes the parent's reference from a revision that no longer matches its selector. */
  releaseControllerRevision(parent: KubeObject, revision: ControllerRevision): Promise<ControllerRevision> {
    const patch = {
      metadata: {
        ownerReferences: [{ $patch: 'delete', uid: parent.metadata.uid }],
        uid: revision.metadata.uid,
      },
    };
    return this.client.patch(
      CONTROLLER_REVISIONS,
      parent.metadata.namespace ?? '',
      revision.metadata.name ?? '',
      'strategic',
      patch,
    ) as Promise<ControllerRevision>;
  }
}
