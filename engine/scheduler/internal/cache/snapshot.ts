// The snapshot a scheduling cycle reads (internal/cache/snapshot.go): NodeInfo copies by name, in node-tree order,
// the lists of nodes hosting pods with (required anti-)affinity, and the cache's images. It is updated in place from
// the cache, copying only the nodes that changed since the last cycle.

import type { NodeInfoLister } from '../../framework/interface.ts';
import { NO_IMAGES } from '../../framework/node-info.ts';
import type { ImageStateSummary, NodeInfo } from '../../framework/node-info.ts';

/** How many updates changedSince can look back over. */
const MAX_RECORDED_UPDATES = 1024;

export class Snapshot implements NodeInfoLister {
  readonly nodeInfoMap = new Map<string, NodeInfo>();
  nodeInfoList: NodeInfo[] = [];
  havePodsWithAffinityNodeInfoList: NodeInfo[] = [];
  havePodsWithRequiredAntiAffinityNodeInfoList: NodeInfo[] = [];
  /** The cache's images by name, whose summaries the NodeInfos share. */
  imageStates: ReadonlyMap<string, ImageStateSummary> = NO_IMAGES;
  /** The highest NodeInfo generation copied in. */
  generation = 0;
  /** Counts the updates from the cache; changedSince tells what they changed. */
  version = 0;
  /** The NodeInfos each recent update copied in (oldest first), for plugins that keep sums over all nodes. */
  private readonly changes: { version: number; infos: readonly NodeInfo[] }[] = [];
  /** The last update whose changes are no longer recorded. */
  private forgottenThrough = 0;

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

  /** Records an update from the cache: the NodeInfos it copied in. */
  recordUpdate(infos: readonly NodeInfo[]): void {
    this.version++;
    if (infos.length === 0) return;
    this.changes.push({ version: this.version, infos });
    if (this.changes.length > MAX_RECORDED_UPDATES) this.forgottenThrough = this.changes.shift()!.version;
  }

  /**
   * The NodeInfos changed by the updates after `version` (some maybe more than once), or undefined when they are no
   * longer all recorded. Nodes added or removed also show in nodeInfoList, which is then another array.
   */
  changedSince(version: number): NodeInfo[] | undefined {
    if (version < this.forgottenThrough) return undefined;
    let first = this.changes.length;
    while (first > 0 && this.changes[first - 1]!.version > version) first--;
    const changed: NodeInfo[] = [];
    for (let i = first; i < this.changes.length; i++) changed.push(...this.changes[i]!.infos);
    return changed;
  }

  havePodsWithAffinityList(): readonly NodeInfo[] {
    return this.havePodsWithAffinityNodeInfoList;
  }

  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[] {
    return this.havePodsWithRequiredAntiAffinityNodeInfoList;
  }
}
