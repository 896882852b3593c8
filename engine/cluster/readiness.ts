// What Cluster.waitUntilReady waits for — the lab's nodes Ready, and kube-system's pods all Running and Ready — kept
// up to date from informers' events, so waiting on thousands of nodes costs a little per change rather than a list of
// the whole cluster every moment.

import type { KubeObject } from '../api/object.ts';
import type { SharedInformer } from '../client/informer.ts';

function isReady(obj: KubeObject): boolean {
  const conditions = (obj['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
  return (conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export class Readiness {
  private readonly expectedNodes: ReadonlySet<string>;
  private readonly waitingNodes: Set<string>;
  private readonly waitingPods = new Set<string>();
  private readonly pods = new Set<string>();
  private readonly listeners: (() => void)[] = [];
  private readonly requirePods: boolean;

  /**
   * `nodes` is the lab's node names (none: a cluster without simulated nodes, which needs no kube-system pod either);
   * `podsInformer` follows kube-system's pods.
   */
  constructor(nodesInformer: SharedInformer, podsInformer: SharedInformer, nodes: readonly string[] | undefined) {
    this.expectedNodes = new Set(nodes ?? []);
    this.waitingNodes = new Set(this.expectedNodes);
    this.requirePods = nodes !== undefined;
    nodesInformer.addEventHandler({
      onAdd: (node) => this.nodeSeen(node),
      onUpdate: (_old, node) => this.nodeSeen(node),
      onDelete: (node) => this.nodeGone(node),
    });
    podsInformer.addEventHandler({
      onAdd: (pod) => this.podSeen(pod),
      onUpdate: (_old, pod) => this.podSeen(pod),
      onDelete: (pod) => this.podGone(pod),
    });
  }

  get ready(): boolean {
    return this.waitingNodes.size === 0 && this.waitingPods.size === 0 && (this.pods.size > 0 || !this.requirePods);
  }

  /** What is still missing, for an error message. */
  waiting(): string[] {
    return [...this.waitingNodes, ...[...this.waitingPods].map((name) => `pod ${name}`)];
  }

  /** Calls `listener` after every change. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private nodeSeen(node: KubeObject): void {
    const name = node.metadata.name ?? '';
    if (!this.expectedNodes.has(name)) return;
    if (isReady(node)) this.waitingNodes.delete(name);
    else this.waitingNodes.add(name);
    this.changed();
  }

  private nodeGone(node: KubeObject): void {
    const name = node.metadata.name ?? '';
    if (!this.expectedNodes.has(name)) return;
    this.waitingNodes.add(name);
    this.changed();
  }

  private podSeen(pod: KubeObject): void {
    const name = pod.metadata.name ?? '';
    this.pods.add(name);
    if (isReady(pod)) this.waitingPods.delete(name);
    else this.waitingPods.add(name);
    this.changed();
  }

  private podGone(pod: KubeObject): void {
    const name = pod.metadata.name ?? '';
    this.pods.delete(name);
    this.waitingPods.delete(name);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
