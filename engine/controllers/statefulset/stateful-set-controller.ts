// The StatefulSet controller (pkg/controller/statefulset/stateful_set.go): pod events enqueue the set that controls
// the pod (or, for an orphan, every set whose selector matches it); a sync adopts orphan revisions, claims the pods
// whose labels match and whose names say they belong to the set, and hands them to the control loop. A set with
// minReadySeconds is looked at again once its pods may have become available.

import type { KubeObject } from '../../api/object.ts';
import { deepEqual } from '../../api/json.ts';
import type { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import { labelSelectorAsSelector } from '../../apiserver/selectors/label-selector.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { objectKeyOf } from '../../client/indexer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import { ControllerHistory } from '../common/controller-history.ts';
import type { ControllerRevision } from '../common/controller-history.ts';
import { controllerRefOf, objectsControlledBy, orphansIn } from '../common/controller-ref.ts';
import type { ControllerIdentity } from '../common/controller-ref-manager.ts';
import { ControllerRefManager, freshController, recheckDeletionTimestamp } from '../common/controller-ref-manager.ts';
import { isPodReady } from '../common/pod-util.ts';
import type { Pod } from '../common/workload-types.ts';
import { PODS, StatefulPodControl } from './stateful-pod-control.ts';
import { STATEFULSETS, StatefulSetControl } from './stateful-set-control.ts';
import { STATEFULSET_PARENT_KIND } from './stateful-set-revision.ts';
import { isMemberOf } from './stateful-set-utils.ts';
import type { StatefulSet } from './statefulset-types.ts';

/** kube-controller-manager's --concurrent-statefulset-syncs default. */
const WORKERS = 5;

export interface StatefulSetControllerOptions {
  client: InProcessClient;
  clock: Clock;
  recorder: EventRecorder;
  statefulSets: SharedInformer;
  /** Indexed by controller uid (controllerIndexedInformer). */
  pods: SharedInformer;
  /** Indexed by controller uid (controllerIndexedInformer). */
  revisions: SharedInformer;
  claims: SharedInformer;
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

function selectorOf(set: StatefulSet): LabelSelector | undefined {
  try {
    return labelSelectorAsSelector(set.spec?.selector);
  } catch {
    return undefined;
  }
}

export class StatefulSetController {
  readonly name = 'statefulset-controller';
  private readonly queue: WorkQueue;
  private readonly client: InProcessClient;
  private readonly statefulSets: SharedInformer;
  private readonly pods: SharedInformer;
  private readonly history: ControllerHistory;
  private readonly podControl: StatefulPodControl;
  private readonly control: StatefulSetControl;

  constructor(options: StatefulSetControllerOptions) {
    this.client = options.client;
    this.statefulSets = options.statefulSets;
    this.pods = options.pods;
    this.queue = new WorkQueue(options.clock, 'statefulset');
    this.history = new ControllerHistory(options.client, options.revisions);
    this.podControl = new StatefulPodControl(options.client, options.claims, options.recorder);
    this.control = new StatefulSetControl(options.client, options.clock, this.history, this.podControl);
    const enqueue = (set: KubeObject): void => this.queue.add(objectKeyOf(set));
    this.statefulSets.addEventHandler({ onAdd: enqueue, onUpdate: (_old, set) => enqueue(set), onDelete: enqueue });
    this.pods.addEventHandler({
      onAdd: (pod) => this.addPod(pod as Pod),
      onUpdate: (oldPod, pod) => this.updatePod(oldPod as Pod, pod as Pod),
      onDelete: (pod) => this.deletePod(pod as Pod),
    });
  }

  run(workers = WORKERS): void {
    runWorkers(this.queue, workers, (key) => this.sync(key));
  }

  stop(): void {
    this.queue.shutDown();
  }

  private resolveControllerRef(
    namespace: string,
    ref: { kind: string; name: string; uid: string },
  ): StatefulSet | undefined {
    if (ref.kind !== STATEFULSET_PARENT_KIND.kind) return undefined;
    const set = this.statefulSets.lister.get(namespace, ref.name) as StatefulSet | undefined;
    return set?.metadata.uid === ref.uid ? set : undefined;
  }

  /** getStatefulSetsForPod: the sets of the pod's namespace whose selector matches its labels. */
  private statefulSetsSelecting(pod: Pod): StatefulSet[] {
    return (this.statefulSets.lister.namespace(pod.metadata.namespace ?? '').list() as StatefulSet[]).filter((set) => {
      const selector = selectorOf(set);
      return selector !== undefined && !selector.isEmpty() && selector.matches(pod.metadata.labels);
    });
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod);
      return;
    }
    const ref = controllerRefOf(pod);
    if (ref) {
      const set = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (set) this.queue.add(objectKeyOf(set));
      return;
    }
    for (const set of this.statefulSetsSelecting(pod)) this.queue.add(objectKeyOf(set));
  }

  private updatePod(oldPod: Pod, pod: Pod): void {
    if (oldPod.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    const labelChanged = !deepEqual(pod.metadata.labels ?? null, oldPod.metadata.labels ?? null);
    const ref = controllerRefOf(pod);
    const oldRef = controllerRefOf(oldPod);
    const refChanged = !deepEqual(ref ?? null, oldRef ?? null);
    if (refChanged && oldRef) {
      const oldSet = this.resolveControllerRef(oldPod.metadata.namespace ?? '', oldRef);
      if (oldSet) this.queue.add(objectKeyOf(oldSet));
    }
    if (ref) {
      const set = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!set) return;
      this.queue.add(objectKeyOf(set));
      const minReadySeconds = set.spec?.minReadySeconds ?? 0;
      if (!isPodReady(oldPod) && isPodReady(pod) && minReadySeconds > 0) {
        this.queue.addAfter(objectKeyOf(set), minReadySeconds * 1000 + 1000);
      }
      return;
    }
    if (labelChanged || refChanged) for (const set of this.statefulSetsSelecting(pod)) this.queue.add(objectKeyOf(set));
  }

  private deletePod(pod: Pod): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const set = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (set) this.queue.add(objectKeyOf(set));
  }

  private identity(set: StatefulSet): ControllerIdentity {
    return { ...STATEFULSET_PARENT_KIND, object: set };
  }

  /** canAdoptFunc: a fresh read of the set, refusing when it is being deleted or was replaced. */
  private canAdopt(set: StatefulSet): () => Promise<void> {
    const { namespace = '', name = '' } = set.metadata;
    return recheckDeletionTimestamp(
      freshController(this.identity(set), () => this.client.get(STATEFULSETS, namespace, name)),
    );
  }

  async sync(key: string): Promise<void> {
    const [namespace, name] = splitKey(key);
    const set = this.statefulSets.lister.get(namespace, name) as StatefulSet | undefined;
    if (!set) return;
    // An invalid selector is reported by validation; retrying would not help.
    const selector = selectorOf(set);
    if (!selector) return;
    await this.adoptOrphanRevisions(set, selector);
    const pods = await this.podsForStatefulSet(set, selector);
    const status = await this.control.updateStatefulSet(set, selector, pods);
    const minReadySeconds = set.spec?.minReadySeconds ?? 0;
    if (minReadySeconds > 0 && status.availableReplicas !== (set.spec?.replicas ?? 1)) {
      this.queue.addAfter(key, minReadySeconds * 1000);
    }
  }

  /** adoptOrphanRevisions: matching revisions nobody controls become the set's. */
  private async adoptOrphanRevisions(set: StatefulSet, selector: LabelSelector): Promise<void> {
    const orphans = this.history
      .listControllerRevisions(set, selector)
      .filter((revision: ControllerRevision) => !controllerRefOf(revision));
    if (orphans.length === 0) return;
    await this.canAdopt(set)();
    for (const revision of orphans) await this.history.adoptControllerRevision(set, STATEFULSET_PARENT_KIND, revision);
  }

  /** getPodsForStatefulSet: adopts matching orphans named after the set, releases owned pods that stopped matching. */
  private podsForStatefulSet(set: StatefulSet, selector: LabelSelector): Promise<Pod[]> {
    const manager = new ControllerRefManager({
      controller: this.identity(set),
      kindName: 'Pod',
      match: (pod) => selector.matches(pod.metadata.labels) && isMemberOf(set, pod),
      patch: async (namespace, podName, patch) => {
        await this.client.patch(PODS, namespace, podName, 'strategic', patch);
      },
      canAdopt: this.canAdopt(set),
    });
    const candidates = [
      ...objectsControlledBy(this.pods, set.metadata.uid ?? ''),
      ...orphansIn(this.pods, set.metadata.namespace ?? ''),
    ] as Pod[];
    return manager.claim(candidates);
  }
}
