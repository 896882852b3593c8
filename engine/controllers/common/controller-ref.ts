// Controller references (metav1.GetControllerOf, metav1.NewControllerRef) and the informer index that finds an
// owner's objects without scanning: every object is indexed under its controller's uid, and orphans under their
// namespace (upstream's PodControllerUIDIndex with its orphan key), so a controller lists what it owns — and the
// orphans it may adopt — in time proportional to their number, not to the cluster's.

import type { KubeObject, OwnerReference } from '../../api/object.ts';
import type { GroupVersionResource } from '../../api/object.ts';
import type { IndexFunction } from '../../client/indexer.ts';
import type { InformerFactory } from '../../client/informer-factory.ts';
import type { SharedInformer } from '../../client/informer.ts';

export const CONTROLLER_UID_INDEX = 'controllerUID';

/** The reference with `controller: true`, if any. */
export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/** A controller reference to `owner`, blocking its deletion in the foreground (metav1.NewControllerRef). */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The index key of the orphans of a namespace (a uid never contains a slash, so keys cannot collide). */
export function orphanIndexKey(namespace: string): string {
  return `orphan/${namespace}`;
}

export const controllerUIDIndex: IndexFunction = (obj) => {
  const ref = controllerRefOf(obj);
  return [ref ? ref.uid : orphanIndexKey(obj.metadata.namespace ?? '')];
};

/** The objects whose controller has `uid`. */
export function objectsControlledBy(informer: SharedInformer, uid: string): KubeObject[] {
  return informer.indexer.byIndex(CONTROLLER_UID_INDEX, uid);
}

/** The objects of a namespace that have no controller. */
export function orphansIn(informer: SharedInformer, namespace: string): KubeObject[] {
  return informer.indexer.byIndex(CONTROLLER_UID_INDEX, orphanIndexKey(namespace));
}

/**
 * The shared informer of a resource whose objects controllers look up by controller uid. Every controller that needs
 * the index must take the informer from here: the factory shares one informer per resource, built with the indexers
 * of whoever asked first.
 */
export function controllerIndexedInformer(informers: InformerFactory, gvr: GroupVersionResource): SharedInformer {
  return informers.informerFor(gvr, { indexers: { [CONTROLLER_UID_INDEX]: controllerUIDIndex } });
}
