// Pods by the node they are bound to, kept from the pod informer's events: what the node controllers look up when a
// node's health or taints change, without scanning every pod of the cluster.

import type { KubeObject } from '../../api/object.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { objectKeyOf } from '../../client/indexer.ts';
import type { Pod } from '../common/workload-types.ts';

export class PodsByNode {
  private readonly keysByNode = new Map<string, Set<string>>();
  private readonly nodeOfKey = new Map<string, string>();

  constructor(private readonly pods: SharedInformer) {
    pods.addEventHandler({
      onAdd: (pod) => this.place(pod),
      onUpdate: (_old, pod) => this.place(pod),
      onDelete: (pod) => this.forget(objectKeyOf(pod)),
    });
  }

  /** The cached pods bound to the node. */
  podsOn(nodeName: string): Pod[] {
    const pods: Pod[] = [];
    for (const key of this.keysByNode.get(nodeName) ?? []) {
      const pod = this.pods.indexer.get(key);
      if (pod) pods.push(pod as Pod);
    }
    return pods;
  }

  private place(pod: KubeObject): void {
    const key = objectKeyOf(pod);
    const nodeName = (pod as Pod).spec?.nodeName ?? '';
    if (this.nodeOfKey.get(key) === nodeName) return;
    this.forget(key);
    if (!nodeName) return;
    this.nodeOfKey.set(key, nodeName);
    let keys = this.keysByNode.get(nodeName);
    if (!keys) this.keysByNode.set(nodeName, (keys = new Set()));
    keys.add(key);
  }

  private forget(key: string): void {
    const nodeName = this.nodeOfKey.get(key);
    if (nodeName === undefined) return;
    this.nodeOfKey.delete(key);
    const keys = this.keysByNode.get(nodeName);
    keys?.delete(key);
    if (keys?.size === 0) this.keysByNode.delete(nodeName);
  }
}
