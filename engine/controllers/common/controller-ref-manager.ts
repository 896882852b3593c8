// The controller-ref manager (controller_ref_manager.go): before a controller counts the objects it manages it
// claims them — adopting orphans that match its selector by patching its controller reference onto them, and
// releasing the ones it owns that no longer match by patching that reference away — with upstream's strategic merge
// patches, which carry the object's uid so they fail if the object was replaced meanwhile.

import type { KubeObject, OwnerReference } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import { controllerRefOf } from './controller-ref.ts';
import { messageOf } from './error-message.ts';

/** How a controller identifies itself in the references it adds. */
export interface ControllerIdentity {
  apiVersion: string;
  kind: string;
  object: KubeObject;
}

/** Patches one object of the managed kind (a pod, a ReplicaSet…) with a strategic merge patch. */
export type PatchObject = (namespace: string, name: string, patch: unknown) => Promise<void>;

/** The patch that makes `controller` the controller of the object with uid `uid` (ownerRefControllerPatch). */
export function ownerRefControllerPatch(
  controller: ControllerIdentity,
  uid: string,
  finalizers: string[] = [],
): unknown {
  const ref: OwnerReference = {
    apiVersion: controller.apiVersion,
    kind: controller.kind,
    name: controller.object.metadata.name ?? '',
    uid: controller.object.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
  const metadata: Record<string, unknown> = { ownerReferences: [ref], uid };
  if (finalizers.length) metadata['finalizers'] = finalizers;
  return { metadata };
}

/** The patch that drops the references to `ownerUids` from the object with uid `dependentUid`. */
export function deleteOwnerRefStrategicMergePatch(
  dependentUid: string,
  ownerUids: string[],
  finalizers: string[] = [],
): unknown {
  const metadata: Record<string, unknown> = {
    uid: dependentUid,
    ownerReferences: ownerUids.map((uid) => ({ $patch: 'delete', uid })),
  };
  if (finalizers.length) metadata['$deleteFromPrimitiveList/finalizers'] = finalizers;
  return { metadata };
}

/**
 * RecheckDeletionTimestamp: before the first adoption, read the controller afresh from the API (not the cache) and
 * refuse if it is being deleted or was replaced — so a controller being deleted never adopts.
 */
export function recheckDeletionTimestamp(getFresh: () => Promise<KubeObject>): () => Promise<void> {
  return async () => {
    let fresh: KubeObject;
    try {
      fresh = await getFresh();
    } catch (error) {
      throw new Error(`can't recheck DeletionTimestamp: ${messageOf(error)}`, {
        cause: error,
      });
    }
    if (fresh.metadata.deletionTimestamp) {
      throw new Error(
        `${fresh.metadata.namespace}/${fresh.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`,
      );
    }
  };
}

/** A fresh read of the controller that fails if it is not the same object any more (another uid). */
export function freshController(
  controller: ControllerIdentity,
  get: () => Promise<KubeObject>,
): () => Promise<KubeObject> {
  return async () => {
    const fresh = await get();
    const { namespace, name, uid } = controller.object.metadata;
    if (fresh.metadata.uid !== uid) {
      throw new Error(
        `original ${controller.kind} ${namespace}/${name} is gone: got uid ${fresh.metadata.uid}, wanted ${uid}`,
      );
    }
    return fresh;
  };
}

export interface ClaimOptions {
  controller: ControllerIdentity;
  /** Whether an object belongs to the controller by its selector (and any further filter). */
  match: (obj: KubeObject) => boolean;
  patch: PatchObject;
  /** Checked once, before the first adoption. */
  canAdopt: () => Promise<void>;
  /** The noun of adoption errors: "Pod", "ReplicaSet"… */
  kindName: string;
}

/**
 * Claims objects for a controller (BaseControllerRefManager.ClaimObject over a list): returns those it owns and that
 * match, after adopting matching orphans and releasing non-matching owned ones. Errors of single objects are
 * collected; the claim of the others goes on, and the first error is thrown at the end (the controller retries).
 */
export class ControllerRefManager {
  private adoptionChecked: Promise<void> | undefined;

  constructor(private readonly options: ClaimOptions) {}

  async claim<T extends KubeObject>(objects: T[]): Promise<T[]> {
    // Most objects are owned and still match: they are decided without a write, and without an await each (a
    // controller claims every one of its objects on every sync).
    const claimed: T[] = [];
    const actions: { obj: T; action: 'adopt' | 'release' }[] = [];
    for (const obj of objects) {
      const decision = this.decide(obj);
      if (decision === 'claimed') claimed.push(obj);
      else if (decision !== 'ignored') actions.push({ obj, action: decision });
    }
    if (actions.length === 0) return claimed;
    // Keep the input order among what is claimed, as a claim one object after another returns it.
    const adopted = new Set<T>();
    const errors: unknown[] = [];
    for (const { obj, action } of actions) {
      try {
        if (action === 'release') await this.ignoreNotFound(() => this.release(obj));
        else if (await this.ignoreNotFound(() => this.adopt(obj).then(() => true))) adopted.add(obj);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `[${errors.map(messageOf).join(', ')}]`);
    if (adopted.size === 0) return claimed;
    const owned = new Set(claimed);
    return objects.filter((obj) => owned.has(obj) || adopted.has(obj));
  }

  /** What claiming one object takes: nothing (claimed or ignored), an adoption or a release. */
  private decide(obj: KubeObject): 'claimed' | 'ignored' | 'adopt' | 'release' {
    const { controller, match } = this.options;
    const ref = controllerRefOf(obj);
    if (ref) {
      if (ref.uid !== controller.object.metadata.uid) return 'ignored';
      if (match(obj)) return 'claimed';
      return controller.object.metadata.deletionTimestamp ? 'ignored' : 'release';
    }
    if (controller.object.metadata.deletionTimestamp || !match(obj)) return 'ignored';
    if (obj.metadata.deletionTimestamp) return 'ignored';
    const namespace = controller.object.metadata.namespace;
    if (namespace && namespace !== obj.metadata.namespace) return 'ignored';
    return 'adopt';
  }

  private async adopt(obj: KubeObject): Promise<void> {
    const { controller, kindName, patch } = this.options;
    const { namespace = '', name = '', uid = '' } = obj.metadata;
    this.adoptionChecked ??= this.options.canAdopt();
    try {
      await this.adoptionChecked;
    } catch (error) {
      throw new Error(`can't adopt ${kindName} ${namespace}/${name} (${uid}): ${messageOf(error)}`, { cause: error });
    }
    await patch(namespace, name, ownerRefControllerPatch(controller, uid));
  }

  private async release(obj: KubeObject): Promise<void> {
    const { controller, patch } = this.options;
    const { namespace = '', name = '', uid = '' } = obj.metadata;
    try {
      await patch(namespace, name, deleteOwnerRefStrategicMergePatch(uid, [controller.object.metadata.uid ?? '']));
    } catch (error) {
      // Invalid: the object lost its references or was replaced (another uid) meanwhile; nothing to release.
      if (isStatusError(error, 'Invalid')) return;
      throw error;
    }
  }

  private async ignoreNotFound(fn: () => Promise<boolean | void>): Promise<boolean> {
    try {
      return (await fn()) === true;
    } catch (error) {
      if (isStatusError(error, 'NotFound')) return false;
      throw error;
    }
  }
}
