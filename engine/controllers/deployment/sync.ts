// The Deployment sync steps shared by every strategy (pkg/controller/deployment/sync.go): finding or creating the new
// ReplicaSet (named <deployment>-<pod-template-hash>) with its revision, scaling ReplicaSets with the ScalingReplicaSet
// event, proportional scaling of all active ReplicaSets when the Deployment is resized mid-rollout or while paused,
// cleaning up old ReplicaSets beyond revisionHistoryLimit, and the status with its Available condition.

import { deepEqual } from '../../api/json.ts';
import { deepCopy } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import { newControllerRef } from '../common/controller-ref.ts';
import { messageOf } from '../common/error-message.ts';
import { computeHash } from '../common/hash/compute-hash.ts';
import { isNamespaceTerminating } from '../common/pod-control.ts';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../common/workload-types.ts';
import {
  DESIRED_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION,
  intAnnotation,
  maxRevision,
  replicasAnnotationsNeedUpdate,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './annotations.ts';
import {
  DEPLOYMENT_AVAILABLE,
  DEPLOYMENT_PROGRESSING,
  FAILED_RS_CREATE_REASON,
  FOUND_NEW_RS_REASON,
  MINIMUM_REPLICAS_AVAILABLE,
  MINIMUM_REPLICAS_UNAVAILABLE,
  NEW_REPLICA_SET_REASON,
  PAUSED_DEPLOY_REASON,
  RESUMED_DEPLOY_REASON,
  TIMED_OUT_REASON,
  getDeploymentCondition,
  newDeploymentCondition,
  setDeploymentCondition,
} from './conditions.ts';
import {
  DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
  activeReplicaSets,
  actualReplicaCount,
  availableReplicaCount,
  equalIgnoreHash,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getProportion,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  readyReplicaCount,
  replicaCount,
  replicasOf,
} from './deployment-util.ts';
import { byRevision, bySizeNewer, bySizeOlder } from './replica-set-sort.ts';
import type { SyncContext } from './sync-context.ts';
import { REPLICA_SETS, updateDeploymentStatus, updateReplicaSet } from './sync-context.ts';

export interface AllReplicaSets {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/** The ReplicaSets as a list, the new one last when there is one. */
export function allOf({ newRS, oldRSs }: AllReplicaSets): ReplicaSet[] {
  return newRS ? [...oldRSs, newRS] : [...oldRSs];
}

/** syncStatusOnly: only the status (a Deployment being deleted). */
export async function syncStatusOnly(ctx: SyncContext, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const all = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  await syncDeploymentStatus(ctx, allOf(all), all.newRS, d);
}

/** sync: scaling events and paused Deployments — scale, clean up when paused, update the status. */
export async function sync(ctx: SyncContext, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const all = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  await scale(ctx, d, all.newRS, all.oldRSs);
  if (d.spec?.paused) await cleanupDeployment(ctx, all.oldRSs, d);
  await syncDeploymentStatus(ctx, allOf(all), all.newRS, d);
}

/**
 * checkPausedConditions: a Progressing condition of Unknown status while paused (DeploymentPaused) and after resuming
 * (DeploymentResumed), so the time spent paused never counts against the progress deadline.
 */
export async function checkPausedConditions(ctx: SyncContext, d: Deployment): Promise<void> {
  if (!hasProgressDeadline(d)) return;
  const cond = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  if (cond?.reason === TIMED_OUT_REASON) return;
  const pausedCondExists = cond?.reason === PAUSED_DEPLOY_REASON;
  const status = (d.status ??= {});
  const now = ctx.clock.now();
  if (d.spec?.paused && !pausedCondExists) {
    setDeploymentCondition(
      status,
      newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'Unknown', PAUSED_DEPLOY_REASON, 'Deployment is paused', now),
    );
  } else if (!d.spec?.paused && pausedCondExists) {
    setDeploymentCondition(
      status,
      newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'Unknown', RESUMED_DEPLOY_REASON, 'Deployment is resumed', now),
    );
  } else {
    return;
  }
  await updateDeploymentStatus(ctx, d);
}

/** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked and missing) and all old ones. */
export async function getAllReplicaSetsAndSyncRevision(
  ctx: SyncContext,
  d: Deployment,
  rsList: ReplicaSet[],
  createIfNotExisted: boolean,
): Promise<AllReplicaSets> {
  const oldRSs = findOldReplicaSets(d, rsList);
  const newRS = await getNewReplicaSet(ctx, d, rsList, oldRSs, createIfNotExisted);
  return { newRS, oldRSs };
}

/**
 * getNewReplicaSet: the ReplicaSet whose template is the Deployment's, its revision raised above every old one and
 * copied to the Deployment; created (with as many replicas as the strategy allows) when missing and asked to. A name
 * taken by another template is a hash collision: status.collisionCount goes up and the next sync tries another name.
 */
async function getNewReplicaSet(
  ctx: SyncContext,
  d: Deployment,
  rsList: ReplicaSet[],
  oldRSs: ReplicaSet[],
  createIfNotExisted: boolean,
): Promise<ReplicaSet | undefined> {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1n);
  const now = ctx.clock.now();
  if (existing) {
    const rsCopy = deepCopy(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true, maxSurge(d));
    const minReadySeconds = d.spec?.minReadySeconds ?? 0;
    if (annotationsUpdated || (rsCopy.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
      rsCopy.spec = { ...rsCopy.spec, minReadySeconds };
      return updateReplicaSet(ctx, rsCopy);
    }
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    const status = (d.status ??= {});
    if (hasProgressDeadline(d) && !getDeploymentCondition(status, DEPLOYMENT_PROGRESSING)) {
      const message = `Found new replica set "${rsCopy.metadata.name}"`;
      setDeploymentCondition(
        status,
        newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', FOUND_NEW_RS_REASON, message, now),
      );
      needsUpdate = true;
    }
    if (needsUpdate) await updateDeploymentStatus(ctx, d);
    return rsCopy;
  }
  if (!createIfNotExisted) return undefined;

  const template = deepCopy(d.spec?.template ?? {});
  const hash = computeHash(template, d.status?.collisionCount);
  const labels = { ...template.metadata?.labels, [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector = deepCopy(d.spec?.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash };
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
      labels: { ...labels },
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec!.replicas = newReplicasCount;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, maxSurge(d));

  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = (await ctx.client.create(REPLICA_SETS, d.metadata.namespace ?? '', newRS)) as ReplicaSet;
  } catch (error) {
    if (isStatusError(error, 'AlreadyExists')) {
      alreadyExists = true;
      const rs = ctx.cachedReplicaSet(d.metadata.namespace ?? '', newRS.metadata.name ?? '');
      if (!rs) throw error;
      const ref = rs.metadata.ownerReferences?.find((r) => r.controller === true);
      if (ref?.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
        created = rs;
      } else {
        // A hash collision: another template under this name. Try the next name on the next sync.
        const status = (d.status ??= {});
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        await updateDeploymentStatus(ctx, d).catch(() => undefined);
        throw error;
      }
    } else if (isNamespaceTerminating(error)) {
      throw error;
    } else {
      const message = `Failed to create new replica set "${newRS.metadata.name}": ${messageOf(error)}`;
      if (hasProgressDeadline(d)) {
        setDeploymentCondition(
          (d.status ??= {}),
          newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'False', FAILED_RS_CREATE_REASON, message, now),
        );
        await updateDeploymentStatus(ctx, d).catch(() => undefined);
      }
      ctx.recorder.event(d, 'Warning', FAILED_RS_CREATE_REASON, message);
      throw error;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) {
    ctx.recorder.event(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled up replica set ${created.metadata.name} from 0 to ${newReplicasCount}`,
    );
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    const message = `Created new replica set "${created.metadata.name}"`;
    setDeploymentCondition(
      (d.status ??= {}),
      newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', NEW_REPLICA_SET_REASON, message, now),
    );
    needsUpdate = true;
  }
  if (needsUpdate) await updateDeploymentStatus(ctx, d);
  return created;
}

/**
 * scale: on a resize (or while paused), brings the single active ReplicaSet to the new size, or — mid-rollout —
 * spreads the added or removed replicas over all active ReplicaSets in proportion to their sizes, leftovers to the
 * largest; a saturated new ReplicaSet instead scales every old one to zero.
 */
export async function scale(
  ctx: SyncContext,
  d: Deployment,
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
): Promise<void> {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) === replicasOf(d)) return;
    await scaleReplicaSetAndRecordEvent(ctx, activeOrLatest, replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) await scaleReplicaSetAndRecordEvent(ctx, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const allRSs = activeReplicaSets([...oldRSs, newRS]);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - replicaCount(allRSs);
  let scalingOperation = '';
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer);
    scalingOperation = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder);
    scalingOperation = 'down';
  }
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const proportion = getProportion(rs, d, toAdd, added);
      sizes.set(rs.metadata.name ?? '', replicasOf(rs) + proportion);
      added += proportion;
    } else {
      sizes.set(rs.metadata.name ?? '', replicasOf(rs));
    }
  }
  for (const [i, rs] of allRSs.entries()) {
    const name = rs.metadata.name ?? '';
    if (i === 0 && toAdd !== 0) sizes.set(name, Math.max(0, sizes.get(name)! + toAdd - added));
    await scaleReplicaSet(ctx, rs, sizes.get(name)!, d, scalingOperation);
  }
}

/** Scales unless already at `newScale`; returns whether it scaled and the ReplicaSet as written. */
export async function scaleReplicaSetAndRecordEvent(
  ctx: SyncContext,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
): Promise<{ scaled: boolean; rs: ReplicaSet }> {
  if (replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(ctx, rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
}

/** Sets the size and the replica annotations; records ScalingReplicaSet when the size changed. */
async function scaleReplicaSet(
  ctx: SyncContext,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
  scalingOperation: string,
): Promise<{ scaled: boolean; rs: ReplicaSet }> {
  const sizeNeedsUpdate = replicasOf(rs) !== newScale;
  const maxReplicas = replicasOf(d) + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), maxReplicas)) return { scaled: false, rs };
  const oldScale = replicasOf(rs);
  const rsCopy = deepCopy(rs);
  rsCopy.spec = { ...rsCopy.spec, replicas: newScale };
  setReplicasAnnotations(rsCopy, replicasOf(d), maxReplicas);
  const updated = await updateReplicaSet(ctx, rsCopy);
  if (sizeNeedsUpdate) {
    const message = `Scaled ${scalingOperation} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`;
    ctx.recorder.event(d, 'Normal', 'ScalingReplicaSet', message);
  }
  return { scaled: sizeNeedsUpdate, rs: updated };
}

/**
 * cleanupDeployment: deletes the oldest old ReplicaSets beyond revisionHistoryLimit — only those scaled to zero, with
 * no pods left, whose latest generation was observed, and that are not already being deleted.
 */
export async function cleanupDeployment(ctx: SyncContext, oldRSs: ReplicaSet[], d: Deployment): Promise<void> {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - (d.spec?.revisionHistoryLimit ?? 0);
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, diff)) {
    if (
      (rs.status?.replicas ?? 0) !== 0 ||
      replicasOf(rs) !== 0 ||
      (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) ||
      rs.metadata.deletionTimestamp
    ) {
      continue;
    }
    try {
      await ctx.client.delete(REPLICA_SETS, rs.metadata.namespace ?? '', rs.metadata.name ?? '');
    } catch (error) {
      if (!isStatusError(error, 'NotFound')) throw error;
    }
  }
}

/** syncDeploymentStatus: writes calculateStatus when it differs. */
export async function syncDeploymentStatus(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): Promise<void> {
  const status = calculateStatus(allRSs, newRS, d, ctx.clock.now());
  if (sameStatus(d.status, status)) return;
  d.status = status;
  await updateDeploymentStatus(ctx, d);
}

/**
 * calculateStatus: replica counts from the ReplicaSets' statuses, the observed generation, and the Available
 * condition — True while at least replicas − maxUnavailable are available.
 */
export function calculateStatus(
  allRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: number,
): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const total = replicaCount(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: newRS ? actualReplicaCount([newRS]) : 0,
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.conditions) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const condition =
    available >= replicasOf(d) - maxUnavailable(d)
      ? newDeploymentCondition(
          DEPLOYMENT_AVAILABLE,
          'True',
          MINIMUM_REPLICAS_AVAILABLE,
          'Deployment has minimum availability.',
          now,
        )
      : newDeploymentCondition(
          DEPLOYMENT_AVAILABLE,
          'False',
          MINIMUM_REPLICAS_UNAVAILABLE,
          'Deployment does not have minimum availability.',
          now,
        );
  setDeploymentCondition(status, condition);
  return status;
}

const STATUS_COUNTS = [
  'observedGeneration',
  'replicas',
  'updatedReplicas',
  'readyReplicas',
  'availableReplicas',
  'unavailableReplicas',
  'collisionCount',
] as const;

/** Status equality as Go sees it: the API leaves zero counts out, so a missing count is 0. */
export function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  if (STATUS_COUNTS.some((k) => (a?.[k] ?? 0) !== (b[k] ?? 0))) return false;
  if ((a?.collisionCount === undefined) !== (b.collisionCount === undefined)) return false;
  return deepEqual(a?.conditions ?? [], b.conditions ?? []);
}

/** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from the Deployment's replicas. */
export async function isScalingEvent(ctx: SyncContext, d: Deployment, rsList: ReplicaSet[]): Promise<boolean> {
  const all = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  return activeReplicaSets(allOf(all)).some((rs) => {
    const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
    return desired !== undefined && desired !== replicasOf(d);
  });
}
