// StatefulPodControl (stateful_pod_control.go): creates a set's pod after the claims it mounts, fixes a pod whose
// identity, storage or claim ownership drifted, deletes pods, and records upstream's events on the set ("create Pod
// web-0 in StatefulSet web successful", "create Claim www-web-0 Pod web-0 in StatefulSet web success").

import type { KubeObject } from '../../api/object.ts';
import { deepCopy } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { messageOf } from '../common/error-message.ts';
import type { Pod } from '../common/workload-types.ts';
import {
  hasStaleOwnerRef,
  isClaimOwnerUpToDate,
  retentionPolicy,
  updateClaimOwnerRefForSetAndPod,
} from './claim-retention.ts';
import {
  identityMatches,
  ordinalOf,
  persistentVolumeClaimName,
  persistentVolumeClaimsFor,
  storageMatches,
  updateIdentity,
  updateStorage,
} from './stateful-set-utils.ts';
import type { PersistentVolumeClaim, StatefulSet } from './statefulset-types.ts';

export const PODS = { group: '', version: 'v1', resource: 'pods' };
export const PERSISTENT_VOLUME_CLAIMS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const POD_KIND = { apiVersion: 'v1', kind: 'Pod' };
/** retry.DefaultBackoff's number of attempts for update conflicts. */
const UPDATE_ATTEMPTS = 4;

type Verb = 'create' | 'update' | 'delete';

function title(verb: Verb): string {
  return verb.charAt(0).toUpperCase() + verb.slice(1);
}

/** Several errors as one, as utilerrors.NewAggregate prints them. */
function aggregate(errors: Error[]): Error | undefined {
  if (errors.length === 0) return undefined;
  if (errors.length === 1) return errors[0];
  return new AggregateError(errors, `[${errors.map((e) => e.message).join(', ')}]`);
}

export class StatefulPodControl {
  constructor(
    private readonly client: InProcessClient,
    private readonly claims: SharedInformer,
    private readonly recorder: EventRecorder,
  ) {}

  private claimFromCache(namespace: string, name: string): PersistentVolumeClaim | undefined {
    return this.claims.lister.get(namespace, name) as PersistentVolumeClaim | undefined;
  }

  /** CreateStatefulPod: the claims first, then the pod, then the claims' owners as far as they can be set. */
  async createStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    const claimsError = await this.createPersistentVolumeClaims(set, pod);
    if (claimsError) {
      this.recordPodEvent('create', set, pod, claimsError);
      throw claimsError;
    }
    let created: Pod;
    try {
      created = (await this.client.create(PODS, set.metadata.namespace ?? '', pod)) as Pod;
    } catch (error) {
      // Already there: the cache was behind; the next sync sees it.
      if (!isStatusError(error, 'AlreadyExists')) this.recordPodEvent('create', set, pod, error);
      throw error;
    }
    try {
      await this.updatePodClaimForRetentionPolicy(set, created);
    } catch (error) {
      this.recordPodEvent('update', set, created, error);
      throw error;
    }
    this.recordPodEvent('create', set, created);
  }

  /** createMissingPersistentVolumeClaims: for a pending pod whose claims were deleted meanwhile. */
  async createMissingPersistentVolumeClaims(set: StatefulSet, pod: Pod): Promise<void> {
    const error = await this.createPersistentVolumeClaims(set, pod);
    if (error) throw error;
    try {
      await this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (err) {
      this.recordPodEvent('update', set, pod, err);
      throw err;
    }
  }

  /**
   * UpdateStatefulPod: restores the pod's identity and storage (creating missing claims) and its claims' owners;
   * writes the pod only when something changed, retrying on conflicts with a fresh copy.
   */
  async updateStatefulPod(set: StatefulSet, original: Pod): Promise<void> {
    let pod = deepCopy(original);
    let attemptedUpdate = false;
    let lastError: unknown;
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      let consistent = true;
      if (!identityMatches(set, pod)) {
        updateIdentity(set, pod);
        consistent = false;
      }
      if (!storageMatches(set, pod)) {
        updateStorage(set, pod);
        consistent = false;
        const claimsError = await this.createPersistentVolumeClaims(set, pod);
        if (claimsError) {
          this.recordPodEvent('update', set, pod, claimsError);
          throw claimsError;
        }
      }
      let matches: boolean;
      try {
        matches = this.claimsMatchRetentionPolicy(set, pod);
        if (!matches) await this.updatePodClaimForRetentionPolicy(set, pod);
      } catch (error) {
        this.recordPodEvent('update', set, pod, error);
        throw error;
      }
      if (!matches) consistent = false;
      if (consistent) {
        lastError = undefined;
        break;
      }
      attemptedUpdate = true;
      try {
        await this.client.update(PODS, pod);
        lastError = undefined;
        break;
      } catch (error) {
        lastError = error;
        if (!isStatusError(error, 'Conflict')) break;
        pod = (await this.client.get(PODS, set.metadata.namespace ?? '', pod.metadata.name ?? '')) as Pod;
      }
    }
    if (attemptedUpdate) this.recordPodEvent('update', set, pod, lastError);
    if (lastError !== undefined) throw lastError;
  }

  /**
   * DeleteStatefulPod. A pod already gone is no failure here: in-process watches of different resources can deliver
   * the set's own status update before the pod's deletion, so a sync may act on a pod it deleted a moment ago — where
   * upstream, slower, would record a FailedDelete warning that no real cluster shows in practice.
   */
  async deleteStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.client.delete(PODS, set.metadata.namespace ?? '', pod.metadata.name ?? '');
    } catch (error) {
      if (isStatusError(error, 'NotFound')) return;
      this.recordPodEvent('delete', set, pod, error);
      throw error;
    }
    this.recordPodEvent('delete', set, pod);
  }

  /** ClaimsMatchRetentionPolicy: every existing claim of the pod has the owners the policy asks for. */
  claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): boolean {
    const ordinal = ordinalOf(pod);
    for (const template of set.spec?.volumeClaimTemplates ?? []) {
      const name = persistentVolumeClaimName(set, template.metadata?.name ?? '', ordinal);
      const claim = this.claimFromCache(set.metadata.namespace ?? '', name);
      // A missing claim is picked up on a later sync.
      if (claim && !isClaimOwnerUpToDate(claim, set, pod)) return false;
    }
    return true;
  }

  /** UpdatePodClaimForRetentionPolicy: rewrites the owners of each existing claim that the policy disagrees with. */
  async updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod): Promise<void> {
    const ordinal = ordinalOf(pod);
    for (const template of set.spec?.volumeClaimTemplates ?? []) {
      const name = persistentVolumeClaimName(set, template.metadata?.name ?? '', ordinal);
      const cached = this.claimFromCache(set.metadata.namespace ?? '', name);
      if (!cached || isClaimOwnerUpToDate(cached, set, pod)) continue;
      const claim = deepCopy(cached);
      updateClaimOwnerRefForSetAndPod(claim, set, pod);
      try {
        await this.client.update(PERSISTENT_VOLUME_CLAIMS, claim);
      } catch (error) {
        throw new Error(`could not update claim ${name} for delete policy ownerRefs: ${messageOf(error)}`, {
          cause: error,
        });
      }
    }
  }

  /**
   * PodClaimIsStale: with whenScaled Delete, a claim that still belongs to an earlier pod of the same name is about to
   * be deleted; the pod must wait for it to go.
   */
  podClaimIsStale(set: StatefulSet, pod: Pod): boolean {
    if (retentionPolicy(set).whenScaled === 'Retain') return false;
    for (const claim of persistentVolumeClaimsFor(set, pod).values()) {
      const existing = this.claimFromCache(claim.metadata.namespace ?? '', claim.metadata.name ?? '');
      if (existing && hasStaleOwnerRef(existing, pod, POD_KIND)) return true;
    }
    return false;
  }

  /** createPersistentVolumeClaims: creates the pod's missing claims; the errors of all of them, if any. */
  private async createPersistentVolumeClaims(set: StatefulSet, pod: Pod): Promise<Error | undefined> {
    const errors: Error[] = [];
    for (const claim of persistentVolumeClaimsFor(set, pod).values()) {
      const { namespace = '', name = '' } = claim.metadata;
      const existing = this.claimFromCache(namespace, name);
      if (existing) {
        if (existing.metadata.deletionTimestamp) errors.push(new Error(`pvc ${name} is being deleted`));
        continue;
      }
      try {
        await this.client.create(PERSISTENT_VOLUME_CLAIMS, namespace, claim);
        this.recordClaimEvent(set, pod, claim);
      } catch (error) {
        errors.push(new Error(`failed to create PVC ${name}: ${messageOf(error)}`, { cause: error }));
        if (!isStatusError(error, 'AlreadyExists')) this.recordClaimEvent(set, pod, claim, error);
      }
    }
    return aggregate(errors);
  }

  private recordPodEvent(verb: Verb, set: StatefulSet, pod: KubeObject, error?: unknown): void {
    const name = pod.metadata.name;
    if (error === undefined) {
      this.recorder.event(
        set,
        'Normal',
        `Successful${title(verb)}`,
        `${verb} Pod ${name} in StatefulSet ${set.metadata.name} successful`,
      );
    } else {
      this.recorder.event(
        set,
        'Warning',
        `Failed${title(verb)}`,
        `${verb} Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${messageOf(error)}`,
      );
    }
  }

  private recordClaimEvent(set: StatefulSet, pod: Pod, claim: PersistentVolumeClaim, error?: unknown): void {
    const claimName = claim.metadata.name;
    if (error === undefined) {
      this.recorder.event(
        set,
        'Normal',
        'SuccessfulCreate',
        `create Claim ${claimName} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`,
      );
    } else {
      this.recorder.event(
        set,
        'Warning',
        'FailedCreate',
        `create Claim ${claimName} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${messageOf(error)}`,
      );
    }
  }
}
