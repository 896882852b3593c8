// The PersistentVolumeClaim retention policy (stateful_set_utils.go, StatefulSetAutoDeletePVC): who owns a pod's
// claims, so the garbage collector deletes them when it should — nobody (Retain on both), the set (whenDeleted:
// Delete), the pod once it is scaled away (whenScaled: Delete), or the set and then the pod (Delete on both).
// Claims owned by another controller, or referring to an older set or pod of the same name, are left alone.

import type { KubeObject, OwnerReference } from '../../api/object.ts';
import { newControllerRef } from '../common/controller-ref.ts';
import type { Pod } from '../common/workload-types.ts';
import { STATEFULSET_API_VERSION, STATEFULSET_KIND, podInOrdinalRange } from './stateful-set-utils.ts';
import type { PersistentVolumeClaim, PersistentVolumeClaimRetentionPolicy, StatefulSet } from './statefulset-types.ts';

interface Kind {
  apiVersion: string;
  kind: string;
}

const SET_KIND: Kind = { apiVersion: STATEFULSET_API_VERSION, kind: STATEFULSET_KIND };
const POD_KIND: Kind = { apiVersion: 'v1', kind: 'Pod' };

/** getPersistentVolumeClaimRetentionPolicy: the set's policy, Retain where it says nothing. */
export function retentionPolicy(set: StatefulSet): Required<PersistentVolumeClaimRetentionPolicy> {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: policy?.whenDeleted ?? 'Retain', whenScaled: policy?.whenScaled ?? 'Retain' };
}

function refs(claim: KubeObject): OwnerReference[] {
  return claim.metadata.ownerReferences ?? [];
}

/** matchesRef: the reference names the object (kind and name; the uid may differ). */
function matchesRef(ref: OwnerReference, obj: KubeObject, kind: Kind): boolean {
  return ref.apiVersion === kind.apiVersion && ref.kind === kind.kind && ref.name === obj.metadata.name;
}

function hasOwnerRef(target: KubeObject, owner: KubeObject): boolean {
  return refs(target).some((ref) => ref.uid === owner.metadata.uid);
}

/** hasStaleOwnerRef: the claim refers to an object of this name and kind, but another uid (an older one). */
export function hasStaleOwnerRef(claim: KubeObject, obj: KubeObject, kind: Kind): boolean {
  const ref = refs(claim).find((r) => matchesRef(r, obj, kind));
  return ref !== undefined && ref.uid !== obj.metadata.uid;
}

/** hasUnexpectedController: under a Delete policy, another controller (or an older set or pod) controls the claim. */
function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const policy = retentionPolicy(set);
  if (policy.whenScaled === 'Retain' && policy.whenDeleted === 'Retain') return false;
  for (const ref of refs(claim)) {
    if (matchesRef(ref, set, SET_KIND)) {
      if (ref.uid !== set.metadata.uid) return true;
      continue;
    }
    if (matchesRef(ref, pod, POD_KIND)) {
      if (ref.uid !== pod.metadata.uid) return true;
      continue;
    }
    if (ref.controller === true) return true;
  }
  return false;
}

/** hasNonControllerOwner: the set or pod owns the claim without controlling it. */
function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  return refs(claim).some(
    (ref) => (ref.uid === set.metadata.uid || ref.uid === pod.metadata.uid) && ref.controller !== true,
  );
}

/** isClaimOwnerUpToDate: whether the claim's owners are what the policy asks (or it is not ours to touch). */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  if (hasStaleOwnerRef(claim, set, SET_KIND) || hasStaleOwnerRef(claim, pod, POD_KIND)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const { whenDeleted, whenScaled } = retentionPolicy(set);
  const setRef = hasOwnerRef(claim, set);
  const podRef = hasOwnerRef(claim, pod);
  const scaledDown = !podInOrdinalRange(pod, set);
  if (whenScaled === 'Delete' && whenDeleted === 'Delete') return scaledDown !== setRef && scaledDown === podRef;
  if (whenScaled === 'Delete') return !setRef && scaledDown === podRef;
  if (whenDeleted === 'Delete') return setRef && !podRef;
  return !setRef && !podRef;
}

function addControllerRef(list: OwnerReference[], owner: KubeObject, kind: Kind): OwnerReference[] {
  if (list.some((ref) => ref.uid === owner.metadata.uid)) return list;
  return [...list, newControllerRef(owner, kind.apiVersion, kind.kind)];
}

/** updateClaimOwnerRefForSetAndPod: rewrites the claim's references to the set and pod as the policy asks. */
export function updateClaimOwnerRefForSetAndPod(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): void {
  const unexpectedController = hasUnexpectedController(claim, set, pod);
  let next = refs(claim).filter((ref) => !matchesRef(ref, set, SET_KIND) && !matchesRef(ref, pod, POD_KIND));
  if (!unexpectedController) {
    const { whenDeleted, whenScaled } = retentionPolicy(set);
    const scaledDown = !podInOrdinalRange(pod, set);
    if (whenScaled === 'Delete' && scaledDown) next = addControllerRef(next, pod, POD_KIND);
    if (whenDeleted === 'Delete' && (whenScaled === 'Retain' || !scaledDown))
      next = addControllerRef(next, set, SET_KIND);
  }
  claim.metadata.ownerReferences = next;
}
