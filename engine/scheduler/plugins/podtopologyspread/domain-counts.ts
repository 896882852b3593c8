// PodTopologySpread's PreScore counts, for every domain, the matching pods on all nodes — for the system default zone
// constraint that is every node of the cluster, for every pod. The sums are kept here per constraint (and whatever
// decides which nodes count: the pod's node selection, tolerations, the topology keys) from one scheduling cycle to
// the next, and brought up to date from the nodes the snapshot changed since, rather than visiting every node again.
// They are the sums calPreScoreState's loop over all nodes makes.

import type { Pod } from '../../framework/api-types.ts';
import type { NodeInfoLister } from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import type { RequiredNodeAffinity } from '../helper/node-affinity.ts';
import type { SpreadConstraint } from './common.ts';
import { countPodsMatchSelector, matchNodeInclusionPolicies, nodeLabelsMatchSpreadConstraints } from './common.ts';

/** What, besides the constraint, decides which nodes count and how much. */
export interface DomainCountContext {
  pod: Pod;
  constraints: readonly SpreadConstraint[];
  required: RequiredNodeAffinity;
  requireAllTopologies: boolean;
  namespace: string;
}

interface Contribution {
  /** The node's value of the constraint's topology key. */
  value: string;
  count: number;
}

interface Entry {
  /** The snapshot version the sums are up to date with, and its node list then. */
  version: number;
  nodes: readonly NodeInfo[];
  contributions: Map<NodeInfo, Contribution>;
  /** Matching pods by topology value. */
  totals: Map<string, number>;
}

/** Different constraints and pods kept at once; beyond, all are dropped and rebuilt as needed. */
const MAX_ENTRIES = 256;

function entryKey(c: SpreadConstraint, ctx: DomainCountContext): string {
  const spec = ctx.pod.spec;
  return [
    c.countKey,
    c.topologyKey,
    c.nodeAffinityPolicy,
    c.nodeTaintsPolicy,
    ctx.requireAllTopologies ? ctx.constraints.map((k) => k.topologyKey).join(',') : '',
    c.nodeAffinityPolicy === 'Honor'
      ? JSON.stringify([
          spec.nodeSelector ?? null,
          spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null,
        ])
      : '',
    c.nodeTaintsPolicy === 'Honor' ? JSON.stringify(spec.tolerations ?? null) : '',
  ].join('\u0000');
}

/** What one node adds to the constraint's domain, as calPreScoreState counts it. */
function contributionOf(nodeInfo: NodeInfo, c: SpreadConstraint, ctx: DomainCountContext): Contribution | undefined {
  const node = nodeInfo.node;
  if (!node) return undefined;
  if (ctx.requireAllTopologies && !nodeLabelsMatchSpreadConstraints(nodeInfo.labels, ctx.constraints)) return undefined;
  if (!matchNodeInclusionPolicies(c, ctx.pod, node, ctx.required)) return undefined;
  return {
    value: nodeInfo.labels[c.topologyKey] ?? '',
    count: countPodsMatchSelector(nodeInfo, c, ctx.namespace),
  };
}

export class DomainCounts {
  private readonly entries = new Map<string, Entry>();

  /**
   * Matching pods by topology value over all the lister's nodes for one constraint; undefined when the lister cannot
   * tell what changed (the caller then counts itself).
   */
  totals(
    lister: NodeInfoLister,
    c: SpreadConstraint,
    ctx: DomainCountContext,
  ): ReadonlyMap<string, number> | undefined {
    const version = lister.version;
    if (version === undefined || !lister.changedSince) return undefined;
    const key = entryKey(c, ctx);
    const nodes = lister.list();
    let entry = this.entries.get(key);
    const changed = entry?.nodes === nodes ? lister.changedSince(entry.version) : undefined;
    // Counting every node again is as cheap once most of them changed.
    if (!entry || !changed || changed.length > nodes.length / 2) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      entry = { version, nodes, contributions: new Map(), totals: new Map() };
      this.entries.set(key, entry);
      for (const nodeInfo of nodes) this.add(entry, nodeInfo, c, ctx);
      return entry.totals;
    }
    for (const nodeInfo of changed) {
      this.remove(entry, nodeInfo);
      this.add(entry, nodeInfo, c, ctx);
    }
    entry.version = version;
    return entry.totals;
  }

  private add(entry: Entry, nodeInfo: NodeInfo, c: SpreadConstraint, ctx: DomainCountContext): void {
    const contribution = contributionOf(nodeInfo, c, ctx);
    if (!contribution) return;
    entry.contributions.set(nodeInfo, contribution);
    entry.totals.set(contribution.value, (entry.totals.get(contribution.value) ?? 0) + contribution.count);
  }

  private remove(entry: Entry, nodeInfo: NodeInfo): void {
    const contribution = entry.contributions.get(nodeInfo);
    if (!contribution) return;
    entry.contributions.delete(nodeInfo);
    entry.totals.set(contribution.value, entry.totals.get(contribution.value)! - contribution.count);
  }
}
