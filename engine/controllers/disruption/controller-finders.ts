// How the disruption controller learns a pod's controller and its scale (pkg/controller/disruption finders): the
// ReplicationController, the Deployment of its ReplicaSet, a ReplicaSet of its own, or the StatefulSet — read from
// their informers, as the workload kinds' spec.replicas is their scale — and for any other kind the scale
// sub-resource of whatever serves it.

import type { KubeObject, OwnerReference } from '../../api/object.ts';
import { parseApiVersion } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Lister } from '../../client/lister.ts';
import { resourcePath } from '../../client/resource-path.ts';
import { controllerRefOf } from '../common/controller-ref.ts';
import type { RestMapper } from '../garbagecollector/rest-mapper.ts';

export interface ControllerScale {
  uid: string;
  scale: number;
}

/** Finds the controller a reference points at and its scale; undefined if it is not this finder's kind or gone. */
export type ControllerFinder = (ref: OwnerReference, namespace: string) => Promise<ControllerScale | undefined>;

export interface WorkloadListers {
  replicationControllers: Lister;
  replicaSets: Lister;
  deployments: Lister;
  statefulSets: Lister;
}

interface Scalable extends KubeObject {
  spec?: { replicas?: number };
}

function isKind(ref: OwnerReference, kind: string, groups: readonly string[]): boolean {
  return ref.kind === kind && groups.includes(parseApiVersion(ref.apiVersion).group);
}

/** The object a reference names, if it is still the same object (same uid). */
function referenced(lister: Lister, ref: OwnerReference, namespace: string): Scalable | undefined {
  const obj = lister.get(namespace, ref.name) as Scalable | undefined;
  return obj && obj.metadata.uid === ref.uid ? obj : undefined;
}

function scaleOf(obj: Scalable): ControllerScale {
  return { uid: obj.metadata.uid ?? '', scale: obj.spec?.replicas ?? 1 };
}

/** The finders in upstream's order: ReplicationController, Deployment, ReplicaSet, StatefulSet, scale. */
export function controllerFinders(
  listers: WorkloadListers,
  client: InProcessClient,
  mapper: RestMapper,
): ControllerFinder[] {
  const replicationController: ControllerFinder = async (ref, namespace) => {
    if (!isKind(ref, 'ReplicationController', [''])) return undefined;
    const rc = referenced(listers.replicationControllers, ref, namespace);
    return rc && scaleOf(rc);
  };
  const deployment: ControllerFinder = async (ref, namespace) => {
    if (!isKind(ref, 'ReplicaSet', ['apps', 'extensions'])) return undefined;
    const rs = referenced(listers.replicaSets, ref, namespace);
    const owner = rs && controllerRefOf(rs);
    if (!owner || !isKind(owner, 'Deployment', ['apps', 'extensions'])) return undefined;
    const dep = referenced(listers.deployments, owner, namespace);
    return dep && scaleOf(dep);
  };
  const replicaSet: ControllerFinder = async (ref, namespace) => {
    if (!isKind(ref, 'ReplicaSet', ['apps', 'extensions'])) return undefined;
    const rs = referenced(listers.replicaSets, ref, namespace);
    // A ReplicaSet a Deployment controls counts through the Deployment.
    if (!rs || controllerRefOf(rs)?.kind === 'Deployment') return undefined;
    return scaleOf(rs);
  };
  const statefulSet: ControllerFinder = async (ref, namespace) => {
    if (!isKind(ref, 'StatefulSet', ['apps'])) return undefined;
    const sts = referenced(listers.statefulSets, ref, namespace);
    return sts && scaleOf(sts);
  };
  const scaleSubresource: ControllerFinder = async (ref, namespace) => {
    const resource = await mapper.resourceFor(ref.apiVersion, ref.kind);
    const gvr = { group: resource.group, version: resource.version, resource: resource.resource };
    let scale: { metadata?: { uid?: string }; spec?: { replicas?: number } };
    try {
      scale = (await client.request('GET', resourcePath(gvr, namespace, ref.name, 'scale'))) as typeof scale;
    } catch (error) {
      if (!isStatusError(error, 'NotFound')) throw error;
      // Either the object is gone, or its kind has no scale sub-resource.
      if (error.status.details?.name === ref.name) return undefined;
      const group = resource.group ? `.${resource.group}` : '';
      throw new Error(`${resource.resource}${group} does not implement the scale subresource`, { cause: error });
    }
    if (scale.metadata?.uid !== ref.uid) return undefined;
    return { uid: ref.uid, scale: scale.spec?.replicas ?? 0 };
  };
  return [replicationController, deployment, replicaSet, statefulSet, scaleSubresource];
}
