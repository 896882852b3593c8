// What a StatefulSet's pods and claims are made of (stateful_set_utils.go): the stable name `<set>-<ordinal>`, the
// ordinal range [ordinals.start, start + replicas), the identity labels (statefulset.kubernetes.io/pod-name and
// apps.kubernetes.io/pod-index), hostname and subdomain, one PersistentVolumeClaim `<template>-<set>-<ordinal>` per
// claim template mounted as a volume, the controller-revision-hash label that says which revision a pod runs, and
// the pod states the controller waits on.

import { deepCopy } from '../../api/object.ts';
import { newControllerRef } from '../common/controller-ref.ts';
import { podFromTemplate } from '../common/pod-control.ts';
import { isPodAvailable, isPodReady } from '../common/pod-util.ts';
import type { Pod } from '../common/workload-types.ts';
import type { PersistentVolumeClaim, StatefulSet } from './statefulset-types.ts';

/** apps.StatefulSetPodNameLabel. */
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** apps.PodIndexLabel (PodIndexLabel, on by default). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** apps.StatefulSetRevisionLabel: the revision a pod was made from. */
export const STATEFULSET_REVISION_LABEL = 'controller-revision-hash';

export const STATEFULSET_API_VERSION = 'apps/v1';
export const STATEFULSET_KIND = 'StatefulSet';

const STATEFUL_POD_NAME = /^(.*)-([0-9]+)$/;
const MAX_INT32 = 2 ** 31 - 1;

interface PodVolume {
  name: string;
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
  [source: string]: unknown;
}

/** getParentNameAndOrdinal: the set's name and the ordinal read from a pod's name; ordinal -1 when there is none. */
export function parentNameAndOrdinal(podName: string): { parent: string; ordinal: number } {
  const match = STATEFUL_POD_NAME.exec(podName);
  if (!match) return { parent: '', ordinal: -1 };
  const ordinal = Number(match[2]);
  return { parent: match[1] ?? '', ordinal: ordinal <= MAX_INT32 ? ordinal : -1 };
}

export function ordinalOf(pod: Pod): number {
  return parentNameAndOrdinal(pod.metadata.name ?? '').ordinal;
}

/** getStartOrdinal: spec.ordinals.start, or 0. */
export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** getEndOrdinal: the last ordinal the set runs (inclusive). */
export function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + (set.spec?.replicas ?? 1) - 1;
}

export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const ordinal = ordinalOf(pod);
  return ordinal >= startOrdinal(set) && ordinal <= endOrdinal(set);
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

export function persistentVolumeClaimName(set: StatefulSet, templateName: string, ordinal: number): string {
  return `${templateName}-${set.metadata.name}-${ordinal}`;
}

/** isMemberOf: the pod's name says it belongs to the set. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return parentNameAndOrdinal(pod.metadata.name ?? '').parent === set.metadata.name;
}

/** identityMatches: the pod's name, namespace and pod-name label are those of its ordinal in the set. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parentNameAndOrdinal(pod.metadata.name ?? '');
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.name === podName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[STATEFULSET_POD_NAME_LABEL] === pod.metadata.name
  );
}

function volumesOf(pod: Pod): PodVolume[] {
  return (pod.spec?.['volumes'] as PodVolume[] | undefined) ?? [];
}

/** storageMatches: every claim template is mounted from the pod's own claim. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map(volumesOf(pod).map((v) => [v.name, v]));
  return (set.spec?.volumeClaimTemplates ?? []).every((template) => {
    const name = template.metadata?.name ?? '';
    const claimName = volumes.get(name)?.persistentVolumeClaim?.claimName;
    return claimName === persistentVolumeClaimName(set, name, ordinal);
  });
}

/**
 * getPersistentVolumeClaims: the claims a pod of the set needs, by template name — each named for the pod's ordinal,
 * labelled with the template's labels and the set's selector labels.
 */
export function persistentVolumeClaimsFor(set: StatefulSet, pod: Pod): Map<string, PersistentVolumeClaim> {
  const ordinal = ordinalOf(pod);
  const claims = new Map<string, PersistentVolumeClaim>();
  for (const template of set.spec?.volumeClaimTemplates ?? []) {
    const templateName = template.metadata?.name ?? '';
    const metadata = deepCopy(template.metadata ?? {});
    delete metadata.creationTimestamp;
    claims.set(templateName, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        ...metadata,
        name: persistentVolumeClaimName(set, templateName, ordinal),
        namespace: set.metadata.namespace,
        labels: { ...metadata.labels, ...set.spec?.selector?.matchLabels },
      },
      spec: deepCopy(template.spec ?? {}),
    });
  }
  return claims;
}

/** updateStorage: the claim volumes replace any volumes of the same names; other volumes stay. */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = persistentVolumeClaimsFor(set, pod);
  const volumes: PodVolume[] = [...claims].map(([name, claim]) => ({
    name,
    persistentVolumeClaim: { claimName: claim.metadata.name ?? '' },
  }));
  for (const volume of volumesOf(pod)) if (!claims.has(volume.name)) volumes.push(volume);
  pod.spec = { ...pod.spec, volumes };
}

/** updateIdentity: the name, namespace and identity labels of the pod's ordinal. */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = ordinalOf(pod);
  pod.metadata.name = podName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = {
    ...pod.metadata.labels,
    [STATEFULSET_POD_NAME_LABEL]: pod.metadata.name,
    [POD_INDEX_LABEL]: String(ordinal),
  };
}

/** newStatefulSetPod: the pod of an ordinal, from the set's template, with its identity, hostname and claims. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const pod = podFromTemplate(
    set.spec?.template ?? {},
    set,
    newControllerRef(set, STATEFULSET_API_VERSION, STATEFULSET_KIND),
  );
  pod.metadata.name = podName(set, ordinal);
  updateIdentity(set, pod);
  // Hostname and subdomain are set at creation only: they are immutable.
  pod.spec = { ...pod.spec, hostname: pod.metadata.name };
  if (set.spec?.serviceName) pod.spec['subdomain'] = set.spec.serviceName;
  updateStorage(set, pod);
  return pod;
}

export function podRevision(pod: Pod): string {
  return pod.metadata.labels?.[STATEFULSET_REVISION_LABEL] ?? '';
}

function setPodRevision(pod: Pod, revision: string): void {
  pod.metadata.labels = { ...pod.metadata.labels, [STATEFULSET_REVISION_LABEL]: revision };
}

/**
 * newVersionedStatefulSetPod: ordinals below the partition (or, without a rollingUpdate block, below the current
 * replicas) are made from the current revision; the others from the update revision.
 */
export function newVersionedStatefulSetPod(
  currentSet: StatefulSet,
  updateSet: StatefulSet,
  currentRevision: string,
  updateRevision: string,
  ordinal: number,
): Pod {
  const strategy = currentSet.spec?.updateStrategy;
  const start = startOrdinal(currentSet);
  const partition = strategy?.rollingUpdate?.partition ?? 0;
  const current =
    (strategy?.type === 'RollingUpdate' &&
      !strategy.rollingUpdate &&
      ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
    (strategy?.rollingUpdate !== undefined && ordinal < start + partition);
  const pod = newStatefulSetPod(current ? currentSet : updateSet, ordinal);
  setPodRevision(pod, current ? currentRevision : updateRevision);
  return pod;
}

/** isCreated: the API server has the pod (it has a phase). */
export function isCreated(pod: Pod): boolean {
  return Boolean(pod.status?.phase);
}

export function isPending(pod: Pod): boolean {
  return pod.status?.phase === 'Pending';
}

export function isFailed(pod: Pod): boolean {
  return pod.status?.phase === 'Failed';
}

export function isSucceeded(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded';
}

export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return isPodAvailable(pod, minReadySeconds, now);
}

/** isHealthy: running, ready and not being deleted. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** allowsBurst: Parallel pod management. */
export function allowsBurst(set: StatefulSet): boolean {
  return set.spec?.podManagementPolicy === 'Parallel';
}
