// A DaemonSet's revision history (daemon/update.go constructHistory, snapshot, dedupCurHistories, cleanupHistory):
// one ControllerRevision per template the DaemonSet has had, named `<ds>-<hash>` and labelled with the hash its pods
// carry; the current one gets the highest revision number (a rollback renumbers an old one); revisions beyond
// revisionHistoryLimit that no pod still runs are deleted, oldest first.

import { deepEqual } from '../../api/json.ts';
import { deepCopy } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import type { ControllerRevision } from '../common/controller-history.ts';
import { CONTROLLER_REVISIONS } from '../common/controller-history.ts';
import { newControllerRef, objectsControlledBy, orphansIn } from '../common/controller-ref.ts';
import { ControllerRefManager, freshController, recheckDeletionTimestamp } from '../common/controller-ref-manager.ts';
import { computeHash } from '../common/hash/compute-hash.ts';
import type { Pod, PodTemplateSpec } from '../common/workload-types.ts';
import { DAEMONSET_REVISION_HASH_LABEL } from './daemon-pod-template.ts';
import type { DaemonSet } from './daemonset-types.ts';

export const DAEMONSETS = { group: 'apps', version: 'v1', resource: 'daemonsets' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const DAEMONSET_KIND = { apiVersion: 'apps/v1', kind: 'DaemonSet' };

/** getPatch: the revision data — the DaemonSet's template, to be restored by replacing it. */
export function daemonSetPatch(ds: DaemonSet): unknown {
  return { spec: { template: { ...deepCopy(ds.spec?.template ?? {}), $patch: 'replace' } } };
}

/** Match: whether a revision holds the DaemonSet's current template. */
export function matchesRevision(ds: DaemonSet, revision: ControllerRevision): boolean {
  return deepEqual(daemonSetPatch(ds), revision.data ?? null);
}

function maxRevision(revisions: readonly ControllerRevision[]): number {
  let max = 0;
  for (const r of revisions) if (r.revision > max) max = r.revision;
  return max;
}

export class DaemonSetHistory {
  constructor(
    private readonly client: InProcessClient,
    private readonly revisions: SharedInformer,
  ) {}

  /** The revisions the DaemonSet controls, after adopting matching orphans and releasing others. */
  async controlledHistories(ds: DaemonSet, selector: LabelSelector): Promise<ControllerRevision[]> {
    const namespace = ds.metadata.namespace ?? '';
    const identity = { ...DAEMONSET_KIND, object: ds };
    const manager = new ControllerRefManager({
      controller: identity,
      match: (revision) => selector.matches(revision.metadata.labels),
      kindName: 'ControllerRevision',
      canAdopt: recheckDeletionTimestamp(
        freshController(identity, () => this.client.get(DAEMONSETS, namespace, ds.metadata.name ?? '')),
      ),
      patch: async (ns, name, patch) => {
        await this.client.patch(CONTROLLER_REVISIONS, ns, name, 'strategic', patch);
      },
    });
    const candidates = [
      ...objectsControlledBy(this.revisions, ds.metadata.uid ?? ''),
      ...orphansIn(this.revisions, namespace),
    ] as ControllerRevision[];
    return manager.claim(candidates);
  }

  /**
   * constructHistory: the current revision (created, or renumbered to be the newest) and the old ones. `pods` are
   * relabelled when duplicate current revisions are merged.
   */
  async constructHistory(
    ds: DaemonSet,
    selector: LabelSelector,
    pods: () => Pod[],
  ): Promise<{ current: ControllerRevision; old: ControllerRevision[] }> {
    const current: ControllerRevision[] = [];
    const old: ControllerRevision[] = [];
    for (let revision of await this.controlledHistories(ds, selector)) {
      // Older revisions may lack the hash label: their name serves.
      if (!revision.metadata.labels?.[DAEMONSET_REVISION_HASH_LABEL]) {
        revision = (await this.client.update(CONTROLLER_REVISIONS, {
          ...revision,
          metadata: {
            ...revision.metadata,
            labels: { ...revision.metadata.labels, [DAEMONSET_REVISION_HASH_LABEL]: revision.metadata.name ?? '' },
          },
        })) as ControllerRevision;
      }
      if (matchesRevision(ds, revision)) current.push(revision);
      else old.push(revision);
    }
    const next = maxRevision(old) + 1;
    if (current.length === 0) return { current: await this.snapshot(ds, next), old };
    let cur = await this.dedupCurHistories(ds, current, pods);
    if (cur.revision < next) {
      cur = (await this.client.update(CONTROLLER_REVISIONS, { ...cur, revision: next })) as ControllerRevision;
    }
    return { current: cur, old };
  }

  /** snapshot: creates the revision of the current template; a name collision bumps status.collisionCount. */
  private async snapshot(ds: DaemonSet, revision: number): Promise<ControllerRevision> {
    const template = ds.spec?.template ?? {};
    const hash = computeHash(template as PodTemplateSpec, ds.status?.collisionCount);
    const namespace = ds.metadata.namespace ?? '';
    const history: ControllerRevision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${ds.metadata.name}-${hash}`,
        namespace,
        labels: { ...template.metadata?.labels, [DAEMONSET_REVISION_HASH_LABEL]: hash },
        annotations: { ...ds.metadata.annotations },
        ownerReferences: [newControllerRef(ds, DAEMONSET_KIND.apiVersion, DAEMONSET_KIND.kind)],
      },
      data: daemonSetPatch(ds),
      revision,
    };
    try {
      return (await this.client.create(CONTROLLER_REVISIONS, namespace, history)) as ControllerRevision;
    } catch (error) {
      if (!isStatusError(error, 'AlreadyExists')) throw error;
      const existing = (await this.client.get(
        CONTROLLER_REVISIONS,
        namespace,
        history.metadata.name ?? '',
      )) as ControllerRevision;
      if (matchesRevision(ds, existing)) return existing;
      // Another template holds the name: count a collision so the next try hashes differently.
      const fresh = (await this.client.get(DAEMONSETS, namespace, ds.metadata.name ?? '')) as DaemonSet;
      if ((fresh.status?.collisionCount ?? undefined) !== (ds.status?.collisionCount ?? undefined)) {
        throw new Error(
          `found a stale collision count (${ds.status?.collisionCount}, expected ${fresh.status?.collisionCount}) of DaemonSet "${ds.metadata.name}" while processing; will retry until it is updated`,
          { cause: error },
        );
      }
      fresh.status = { ...fresh.status, collisionCount: (fresh.status?.collisionCount ?? 0) + 1 };
      await this.client.update(DAEMONSETS, fresh, 'status');
      throw error;
    }
  }

  /** dedupCurHistories: keeps the highest-numbered of several equal revisions, moving pods to its hash. */
  private async dedupCurHistories(
    ds: DaemonSet,
    current: ControllerRevision[],
    pods: () => Pod[],
  ): Promise<ControllerRevision> {
    let keep = current[0]!;
    for (const revision of current) if (revision.revision >= keep.revision) keep = revision;
    const keepHash = keep.metadata.labels?.[DAEMONSET_REVISION_HASH_LABEL] ?? '';
    for (const revision of current) {
      if (revision.metadata.name === keep.metadata.name) continue;
      for (const pod of pods()) {
        if (pod.metadata.labels?.[DAEMONSET_REVISION_HASH_LABEL] === keepHash) continue;
        await this.client.patch(PODS, ds.metadata.namespace ?? '', pod.metadata.name ?? '', 'merge', {
          metadata: { labels: { [DAEMONSET_REVISION_HASH_LABEL]: keepHash } },
        });
      }
      await this.deleteRevision(revision);
    }
    return keep;
  }

  /** cleanupHistory: deletes the oldest revisions beyond the limit whose hash no pod carries. */
  async cleanupHistory(ds: DaemonSet, old: ControllerRevision[], pods: readonly Pod[]): Promise<void> {
    let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
    if (toKill <= 0) return;
    const liveHashes = new Set<string>();
    for (const pod of pods) {
      const hash = pod.metadata.labels?.[DAEMONSET_REVISION_HASH_LABEL];
      if (hash) liveHashes.add(hash);
    }
    for (const revision of [...old].sort((a, b) => a.revision - b.revision)) {
      if (toKill <= 0) break;
      if (liveHashes.has(revision.metadata.labels?.[DAEMONSET_REVISION_HASH_LABEL] ?? '')) continue;
      await this.deleteRevision(revision);
      toKill--;
    }
  }

  private async deleteRevision(revision: ControllerRevision): Promise<void> {
    try {
      await this.client.delete(CONTROLLER_REVISIONS, revision.metadata.namespace ?? '', revision.metadata.name ?? '');
    } catch (error) {
      if (!isStatusError(error, 'NotFound')) throw error;
    }
  }
}
