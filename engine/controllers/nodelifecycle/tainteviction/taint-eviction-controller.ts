// The taint eviction controller (pkg/controller/tainteviction, "taint-eviction-controller" in 1.32, once the
// NoExecuteTaintManager): pods on a node tainted NoExecute are deleted — at once if they do not tolerate every such
// taint, after the shortest tolerationSeconds of the tolerations they use (300 s for the unreachable and not-ready
// taints, from the DefaultTolerationSeconds admission), never if those tolerate forever. Removing the taints in
// time cancels the evictions. Each eviction marks the pod DisruptionTarget and records TaintManagerEviction.

import { rfc3339 } from '../../../api/json.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { EventRecorder } from '../../../client/event-recorder.ts';
import type { InProcessClient } from '../../../client/in-process-client.ts';
import type { SharedInformer } from '../../../client/informer.ts';
import { WorkQueue, runWorkers } from '../../../client/workqueue.ts';
import type { Clock } from '../../../lab/clock.ts';
import { controllerIndexedInformer } from '../../common/controller-ref.ts';
import type { Pod } from '../../common/workload-types.ts';
import type { Controller, ControllerContext } from '../../controller-context.ts';
import { semanticEqual } from '../../endpointslice/semantic-equal.ts';
import type { Node, Taint } from '../node-types.ts';
import { PodsByNode } from '../pods-by-node.ts';
import { TimedWorkerQueue } from './timed-worker-queue.ts';
import type { Toleration } from './tolerations.ts';
import { matchingTolerations, minTolerationTimeMs } from './tolerations.ts';

const PODS = { group: '', version: 'v1', resource: 'pods' };
/** Tries of one eviction before it is given up (and may be scheduled again). */
const RETRIES = 5;

type TolerantPod = Pod & { spec?: { tolerations?: Toleration[] } };

function noExecuteTaints(node: KubeObject | undefined): Taint[] {
  return ((node as Node | undefined)?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

function tolerationsOf(pod: KubeObject | undefined): Toleration[] {
  return (pod as TolerantPod | undefined)?.spec?.tolerations ?? [];
}

function podRef(key: string): KubeObject {
  const [namespace = '', name = ''] = key.split('/');
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } };
}

export interface TaintEvictionInformers {
  nodes: SharedInformer;
  pods: SharedInformer;
}

export class TaintEvictionController {
  private readonly evictions: TimedWorkerQueue;
  private readonly podsByNode: PodsByNode;
  /** Node name → its NoExecute taints, for nodes that have some. */
  private readonly taintedNodes = new Map<string, Taint[]>();
  private readonly nodeUpdates: WorkQueue;
  /** Keys are JSON [namespace, name, nodeName]: a pod is handled for the node it was on when it changed. */
  private readonly podUpdates: WorkQueue;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly informers: TaintEvictionInformers,
  ) {
    this.evictions = new TimedWorkerQueue(clock, (key) => this.deletePod(key));
    this.podsByNode = new PodsByNode(informers.pods);
    this.nodeUpdates = new WorkQueue(clock, 'noexec_taint_node');
    this.podUpdates = new WorkQueue(clock, 'noexec_taint_pod');
    informers.pods.addEventHandler({
      onAdd: (pod) => this.podUpdated(undefined, pod),
      onUpdate: (old, pod) => this.podUpdated(old, pod),
      onDelete: (pod) => this.podUpdated(pod, undefined),
    });
    informers.nodes.addEventHandler({
      onAdd: (node) => this.nodeUpdated(undefined, node),
      onUpdate: (old, node) => this.nodeUpdated(old, node),
      onDelete: (node) => this.nodeUpdated(node, undefined),
    });
  }

  run(): void {
    runWorkers(this.nodeUpdates, 1, async (name) => this.handleNodeUpdate(name));
    runWorkers(this.podUpdates, 1, async (key) => this.handlePodUpdate(key));
  }

  stop(): void {
    this.nodeUpdates.shutDown();
    this.podUpdates.shutDown();
    this.evictions.cancelAll();
  }

  private podUpdated(old: KubeObject | undefined, pod: KubeObject | undefined): void {
    const current = (pod ?? old)!;
    const nodeName = (current as Pod).spec?.nodeName ?? '';
    if (
      old &&
      pod &&
      semanticEqual(tolerationsOf(old), tolerationsOf(pod)) &&
      (old as Pod).spec?.nodeName === (pod as Pod).spec?.nodeName
    ) {
      return;
    }
    this.podUpdates.add(JSON.stringify([current.metadata.namespace ?? '', current.metadata.name ?? '', nodeName]));
  }

  private nodeUpdated(old: KubeObject | undefined, node: KubeObject | undefined): void {
    if (old && node && semanticEqual(noExecuteTaints(old), noExecuteTaints(node))) return;
    this.nodeUpdates.add((node ?? old)!.metadata.name ?? '');
  }

  private cancelWorkWithEvent(key: string): void {
    if (this.evictions.cancelWork(key)) {
      this.recorder.event(podRef(key), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
    }
  }

  private handleNodeUpdate(name: string): void {
    const node = this.informers.nodes.lister.get('', name);
    if (!node) {
      this.taintedNodes.delete(name);
      return;
    }
    const taints = noExecuteTaints(node);
    if (taints.length === 0) this.taintedNodes.delete(name);
    else this.taintedNodes.set(name, taints);
    const pods = this.podsByNode.podsOn(name);
    if (taints.length === 0) {
      for (const pod of pods) this.cancelWorkWithEvent(`${pod.metadata.namespace}/${pod.metadata.name}`);
      return;
    }
    const now = this.clock.now();
    for (const pod of pods) {
      this.processPodOnNode(`${pod.metadata.namespace}/${pod.metadata.name}`, tolerationsOf(pod), taints, now);
    }
  }

  private handlePodUpdate(item: string): void {
    const [namespace, name, nodeName] = JSON.parse(item) as [string, string, string];
    const key = `${namespace}/${name}`;
    const pod = this.informers.pods.lister.get(namespace, name) as Pod | undefined;
    if (!pod) {
      this.cancelWorkWithEvent(key);
      return;
    }
    // Handled for the node it is on now by that node's update.
    if ((pod.spec?.nodeName ?? '') !== nodeName || !nodeName) return;
    const taints = this.taintedNodes.get(nodeName);
    if (!taints) return;
    this.processPodOnNode(key, tolerationsOf(pod), taints, this.clock.now());
  }

  private processPodOnNode(key: string, tolerations: Toleration[], taints: Taint[], now: number): void {
    if (taints.length === 0) {
      this.cancelWorkWithEvent(key);
      return;
    }
    const used = matchingTolerations(taints, tolerations);
    if (!used) {
      // Not every taint tolerated: evict now.
      this.cancelWorkWithEvent(key);
      this.evictions.addWork(key, now, now);
      return;
    }
    const tolerationMs = minTolerationTimeMs(used);
    if (tolerationMs < 0) {
      this.cancelWorkWithEvent(key);
      return;
    }
    let start = now;
    const scheduled = this.evictions.getWorker(key);
    if (scheduled) {
      // An eviction scheduled earlier keeps its start (and so its deadline).
      start = scheduled.createdAt;
      if (start < now) return;
      this.cancelWorkWithEvent(key);
    }
    this.evictions.addWork(key, start, start + tolerationMs);
  }

  /** deletePodHandler: records the eviction, marks the pod DisruptionTarget, deletes it. */
  private async deletePod(key: string): Promise<void> {
    this.recorder.event(podRef(key), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const [namespace = '', name = ''] = key.split('/');
    let failure: unknown;
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      try {
        await this.addConditionAndDeletePod(namespace, name);
        return;
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }

  private async addConditionAndDeletePod(namespace: string, name: string): Promise<void> {
    const pod = (await this.client.get(PODS, namespace, name)) as Pod;
    const condition = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    const reason = 'DeletionByTaintManager';
    const message = 'Taint manager: deleting due to NoExecute taint';
    if (condition?.status !== 'True' || condition.reason !== reason || condition.message !== message) {
      const lastTransitionTime =
        condition?.status === 'True' ? (condition.lastTransitionTime ?? null) : rfc3339(this.clock.now());
      await this.client.patch(
        PODS,
        namespace,
        name,
        'strategic',
        {
          status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason, message, lastTransitionTime }] },
        },
        { subresource: 'status' },
      );
    }
    await this.client.delete(PODS, namespace, name);
  }
}

/** The taint eviction controller, built from the controller manager's context. */
export function taintEvictionController(ctx: ControllerContext): Controller {
  const controller = new TaintEvictionController(ctx.client, ctx.clock, ctx.recorder('taint-eviction-controller'), {
    nodes: ctx.informers.informerFor({ group: '', version: 'v1', resource: 'nodes' }),
    pods: controllerIndexedInformer(ctx.informers, PODS),
  });
  return { name: 'taint-eviction-controller', run: () => controller.run(), stop: () => controller.stop() };
}
