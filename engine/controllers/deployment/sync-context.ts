// What the Deployment controller's sync steps (sync, rolling, recreate, progress) share: the client acting as the
// controller manager, the event recorder, the lab clock, the ReplicaSet cache, and the controller's queue for
// looking at a Deployment again later. Also the two writes every step makes: a Deployment's status and a ReplicaSet.

import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Deployment, ReplicaSet } from '../common/workload-types.ts';

export const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };
export const REPLICA_SETS = { group: 'apps', version: 'v1', resource: 'replicasets' };

export interface SyncContext {
  client: InProcessClient;
  recorder: EventRecorder;
  clock: Clock;
  cachedReplicaSet(namespace: string, name: string): ReplicaSet | undefined;
  enqueueAfter(d: Deployment, ms: number): void;
  enqueueRateLimited(d: Deployment): void;
}

/**
 * UpdateStatus of the Deployment as it is in memory. Its resourceVersion is moved to the written one, so a second
 * status write in the same sync is not refused as a conflict with the first.
 */
export async function updateDeploymentStatus(ctx: SyncContext, d: Deployment): Promise<void> {
  const updated = await ctx.client.update(DEPLOYMENTS, d, 'status');
  d.metadata.resourceVersion = updated.metadata.resourceVersion;
}

export async function updateReplicaSet(ctx: SyncContext, rs: ReplicaSet): Promise<ReplicaSet> {
  return (await ctx.client.update(REPLICA_SETS, rs)) as ReplicaSet;
}
