// The snapshot a scheduling cycle reads (internal/cache/snapshot.go): NodeInfo copies by name, in node-tree order,
// and the lists of nodes hosting pods with (required anti-)affinity. It is updated in place from the cache, copying
// only the nodes that changed since the last cycle.

import type { NodeInfoLister } from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';

export class Snapshot implements NodeInfoLister {
  readonly nodeInfoMap = new Map<string, NodeInfo>();
  nodeInfoList: NodeInfo[] = [];
  havePodsWithAffinityNodeInfoList: NodeInfo[] = [];
  havePodsWithRequiredAntiAffinityNodeInfoList: NodeInfo[] = [];
  /** The highest NodeInfo generation copied in. */
  generation = 0;

  get byName(): ReadonlyMap<string, NodeInfo> {
    return this.nodeInfoMap;
  }

  get numNodes(): number {
    return this.nodeInfoList.length;
  }

  list(): readonly NodeInfo[] {
    return this.nodeInfoList;
  }

  get(nodeName: string): NodeInfo | undefined {
    return this.nodeInfoMap.get(nodeName);
  }

  havePodsWithAffinityList(): readonly NodeInfo[] {
    return this.havePodsWithAffinityNodeInfoList;
  }

  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[] {
    return this.havePodsWithRequiredAntiAffinityNodeInfoList;
  }
}
