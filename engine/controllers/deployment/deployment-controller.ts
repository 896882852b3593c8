// The Deployment controller (pkg/controller/deployment/deployment_controller.go): watches Deployments, their
// ReplicaSets and the deletion of their pods; a sync claims the ReplicaSets (adopting matching orphans, releasing
// those that stopped matching), then — in upstream's order — only updates the status of a Deployment being deleted,
// scales a paused one or one just resized, and otherwise rolls out with its strategy. A rollback
// (`kubectl rollout undo`) is a template change back to an old ReplicaSet's template: that ReplicaSet becomes the new
// one again and is scaled up.

import type { KubeObject } from '../../api/object.ts';
import { deepCopy } from '../../api/object.ts';
import { deepEqual } from '../../api/json.ts';
import type { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import { labelSelectorAsSelector } from '../../apiserver/selectors/label-selector.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { objectKeyOf } from '../../client/indexer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Controller } from '../controller-context.ts';
import { controllerRefOf, objectsControlledBy, orphansIn } from '../common/controller-ref.ts';
import { ControllerRefManager, freshController, recheckDeletionTimestamp } from '../common/controller-ref-manager.ts';
import type { ControllerIdentity } from '../common/controller-ref-manager.ts';
import type { Deployment, Pod, ReplicaSet } from '../common/workload-types.ts';
import { rolloutRecreate } from './recreate.ts';
import { rolloutRolling } from './rolling.ts';
import type { SyncContext } from './sync-context.ts';
import { DEPLOYMENTS, REPLICA_SETS, updateDeploymentStatus } from './sync-context.ts';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync.ts';

/** kube-controller-manager's --concurrent-deployment-syncs default. */
const WORKERS = 5;

export interface DeploymentControllerOptions {
  client: InProcessClient;
  clock: Clock;
  recorder: EventRecorder;
  deployments: SharedInformer;
  /** ReplicaSets indexed by controller uid (controllerIndexedInformer). */
  replicaSets: SharedInformer;
  /** Pods indexed by controller uid (controllerIndexedInformer). */
  pods: SharedInformer;
}

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private readonly queue: WorkQueue;
  private readonly client: InProcessClient;
  private readonly recorder: EventRecorder;
  private readonly clock: Clock;
  private readonly deployments: SharedInformer;
  private readonly replicaSets: SharedInformer;
  private readonly pods: SharedInformer;
  private readonly syncContext: SyncContext;

  constructor(options: DeploymentControllerOptions) {
    this.client = options.client;
    this.recorder = options.recorder;
    this.clock = options.clock;
    this.deployments = options.deployments;
    this.replicaSets = options.replicaSets;
    this.pods = options.pods;
    this.queue = new WorkQueue(options.clock, 'deployment');
    this.syncContext = {
      client: this.client,
      recorder: this.recorder,
      clock: this.clock,
      cachedReplicaSet: (namespace, name) => this.replicaSets.lister.get(namespace, name) as ReplicaSet | undefined,
      enqueueAfter: (d, ms) => this.queue.addAfter(objectKeyOf(d), ms),
      enqueueRateLimited: (d) => this.queue.addRateLimited(objectKeyOf(d)),
    };
    this.deployments.addEventHandler({
      onAdd: (d) => this.enqueue(d),
      onUpdate: (_old, d) => this.enqueue(d),
      onDelete: (d) => this.enqueue(d),
    });
    this.replicaSets.addEventHandler({
      onAdd: (rs) => this.addReplicaSet(rs),
      onUpdate: (oldRS, curRS) => this.updateReplicaSet(oldRS, curRS),
      onDelete: (rs) => this.deleteReplicaSet(rs),
    });
    this.pods.addEventHandler({ onDelete: (pod) => this.deletePod(pod) });
  }

  run(workers = WORKERS): void {
    runWorkers(this.queue, workers, (key) => this.syncDeployment(key));
  }

  stop(): void {
    this.queue.shutDown();
  }

  private enqueue(d: KubeObject): void {
    this.queue.add(objectKeyOf(d));
  }

  /** The Deployment a controller reference points to, if it still exists with that uid. */
  private resolveControllerRef(
    namespace: string,
    ref: { kind: string; name: string; uid: string },
  ): Deployment | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.lister.get(namespace, ref.name);
    return d?.metadata.uid === ref.uid ? d : undefined;
  }

  /** The Deployments whose selector matches an orphan ReplicaSet's labels. */
  private deploymentsSelecting(rs: KubeObject): Deployment[] {
    return this.deployments.lister
      .namespace(rs.metadata.namespace ?? '')
      .list()
      .filter((d) => {
        const selector = selectorOf(d);
        return selector !== undefined && !selector.isEmpty() && selector.matches(rs.metadata.labels);
      });
  }

  private addReplicaSet(rs: KubeObject): void {
    if (rs.metadata.deletionTimestamp) {
      this.deleteReplicaSet(rs);
      return;
    }
    const ref = controllerRefOf(rs);
    if (ref) {
      const d = this.resolveControllerRef(rs.metadata.namespace ?? '', ref);
      if (d) this.enqueue(d);
      return;
    }
    for (const d of this.deploymentsSelecting(rs)) this.enqueue(d);
  }

  private updateReplicaSet(oldRS: KubeObject, curRS: KubeObject): void {
    if (oldRS.metadata.resourceVersion === curRS.metadata.resourceVersion) return;
    const namespace = curRS.metadata.namespace ?? '';
    const curRef = controllerRefOf(curRS);
    const oldRef = controllerRefOf(oldRS);
    const refChanged = !deepEqual(curRef ?? null, oldRef ?? null);
    if (refChanged && oldRef) {
      const d = this.resolveControllerRef(namespace, oldRef);
      if (d) this.enqueue(d);
    }
    if (curRef) {
      const d = this.resolveControllerRef(namespace, curRef);
      if (d) this.enqueue(d);
      return;
    }
    const labelChanged = !deepEqual(curRS.metadata.labels ?? {}, oldRS.metadata.labels ?? {});
    if (labelChanged || refChanged) for (const d of this.deploymentsSelecting(curRS)) this.enqueue(d);
  }

  private deleteReplicaSet(rs: KubeObject): void {
    const ref = controllerRefOf(rs);
    if (!ref) return;
    const d = this.resolveControllerRef(rs.metadata.namespace ?? '', ref);
    if (d) this.enqueue(d);
  }

  /** A Recreate Deployment waits for its old pods to go: look at it again once it has none left. */
  private deletePod(pod: Pod): void {
    const d = this.deploymentForPod(pod);
    if (!d || d.spec?.strategy?.type !== 'Recreate') return;
    const rsList = objectsControlledBy(this.replicaSets, d.metadata.uid ?? '') as ReplicaSet[];
    const podMap = this.podMapForDeployment(d, rsList);
    if ([...podMap.values()].every((pods) => pods.length === 0)) this.enqueue(d);
  }

  private deploymentForPod(pod: Pod): Deployment | undefined {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.replicaSets.lister.get(pod.metadata.namespace ?? '', ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const rsRef = controllerRefOf(rs);
    return rsRef ? this.resolveControllerRef(rs.metadata.namespace ?? '', rsRef) : undefined;
  }

  /** syncDeployment: one pass over one Deployment. Throws to be retried with back-off. */
  async syncDeployment(key: string): Promise<void> {
    const [namespace = '', name = ''] = key.split('/');
    const cached = this.deployments.lister.get(namespace, name);
    if (!cached) return;
    const d = deepCopy(cached) as Deployment;
    const selector = selectorOf(d);
    if (!selector) return;
    if (selector.isEmpty()) {
      this.recorder.event(
        d,
        'Warning',
        'SelectingAll',
        'This deployment is selecting all pods. A non-empty selector is required.',
      );
      const status = (d.status ??= {});
      if ((status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        status.observedGeneration = d.metadata.generation ?? 0;
        await updateDeploymentStatus(this.syncContext, d).catch(() => undefined);
      }
      return;
    }
    const rsList = await this.getReplicaSetsForDeployment(d, selector);
    const podMap = this.podMapForDeployment(d, rsList, selector);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(this.syncContext, d, rsList);
    await checkPausedConditions(this.syncContext, d);
    if (d.spec?.paused) return sync(this.syncContext, d, rsList);
    if (await isScalingEvent(this.syncContext, d, rsList)) return sync(this.syncContext, d, rsList);
    switch (d.spec?.strategy?.type) {
      case 'Recreate':
        return rolloutRecreate(this.syncContext, d, rsList, podMap);
      case 'RollingUpdate':
        return rolloutRolling(this.syncContext, d, rsList);
    }
    throw new Error(`unexpected deployment strategy type: ${d.spec?.strategy?.type ?? ''}`);
  }

  /**
   * The ReplicaSets the Deployment owns, after adopting matching orphans and releasing non-matching owned ones
   * (getReplicaSetsForDeployment). Looked up through the controller-uid index: owned ones and the namespace's orphans.
   */
  private getReplicaSetsForDeployment(d: Deployment, selector: LabelSelector): Promise<ReplicaSet[]> {
    const { namespace = '', name = '', uid = '' } = d.metadata;
    const candidates = [...objectsControlledBy(this.replicaSets, uid), ...orphansIn(this.replicaSets, namespace)];
    const controller: ControllerIdentity = { apiVersion: 'apps/v1', kind: 'Deployment', object: d };
    const manager = new ControllerRefManager({
      controller,
      kindName: 'ReplicaSet',
      match: (rs) => selector.matches(rs.metadata.labels),
      patch: async (ns, rsName, patch) => {
        await this.client.patch(REPLICA_SETS, ns, rsName, 'strategic', patch);
      },
      canAdopt: recheckDeletionTimestamp(
        freshController(controller, () => this.client.get(DEPLOYMENTS, namespace, name)),
      ),
    });
    return manager.claim(candidates as ReplicaSet[]);
  }

  /** The pods of each of the Deployment's ReplicaSets that match its selector, by ReplicaSet uid. */
  private podMapForDeployment(d: Deployment, rsList: ReplicaSet[], selector = selectorOf(d)): Map<string, Pod[]> {
    const podMap = new Map<string, Pod[]>();
    for (const rs of rsList) {
      const uid = rs.metadata.uid ?? '';
      const pods = objectsControlledBy(this.pods, uid).filter(
        (pod) => pod.metadata.namespace === d.metadata.namespace && (selector?.matches(pod.metadata.labels) ?? false),
      );
      podMap.set(uid, pods);
    }
    return podMap;
  }
}

/** The Deployment's selector; undefined when it is invalid (validation reports that). */
function selectorOf(d: Deployment): LabelSelector | undefined {
  try {
    return labelSelectorAsSelector(d.spec?.selector);
  } catch {
    return undefined;
  }
}
