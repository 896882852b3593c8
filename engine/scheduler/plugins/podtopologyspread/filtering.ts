// PodTopologySpread's PreFilter and Filter (plugins/podtopologyspread/filtering.go): for each hard constraint,
// the matching pods per topology value over the nodes that count, and the two emptiest values ("critical paths");
// a node passes when placing the pod keeps its value within maxSkew of the global minimum.

import type { Pod } from '../../framework/api-types.ts';
import type { StateData } from '../../framework/cycle-state.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import { RequiredNodeAffinity } from '../helper/node-affinity.ts';
import type { SpreadConstraint } from './common.ts';
import { countPodsMatchSelector, matchNodeInclusionPolicies, nodeLabelsMatchSpreadConstraints } from './common.ts';

/** ErrReasonConstraintsNotMatch. */
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
/** ErrReasonNodeLabelNotMatch: the node lacks a constraint's topology key. */
export const ErrReasonNodeLabelNotMatch = `${ErrReasonConstraintsNotMatch} (missing required label)`;

const MAX_INT32 = 2 ** 31 - 1;

/** The two topology values with the fewest matching pods, the smaller first (criticalPaths). */
export class CriticalPaths {
  readonly paths: [{ topologyValue: string; matchNum: number }, { topologyValue: string; matchNum: number }] = [
    { topologyValue: '', matchNum: MAX_INT32 },
    { topologyValue: '', matchNum: MAX_INT32 },
  ];

  update(tpVal: string, num: number): void {
    const p = this.paths;
    const i = tpVal === p[0].topologyValue ? 0 : tpVal === p[1].topologyValue ? 1 : undefined;
    if (i !== undefined) {
      p[i].matchNum = num;
      if (p[0].matchNum > p[1].matchNum) [p[0], p[1]] = [p[1], p[0]];
    } else if (num < p[0].matchNum) {
      p[1] = { ...p[0] };
      p[0] = { topologyValue: tpVal, matchNum: num };
    } else if (num < p[1].matchNum) {
      p[1] = { topologyValue: tpVal, matchNum: num };
    }
  }

  clone(): CriticalPaths {
    const copy = new CriticalPaths();
    copy.paths[0] = { ...this.paths[0] };
    copy.paths[1] = { ...this.paths[1] };
    return copy;
  }
}

export class PreFilterState implements StateData {
  constructor(
    readonly constraints: readonly SpreadConstraint[],
    readonly criticalPaths: CriticalPaths[],
    /** Per constraint: topology value → matching pods. */
    readonly tpValueToMatchNum: Map<string, number>[],
  ) {}

  clone(): StateData {
    return new PreFilterState(
      this.constraints,
      this.criticalPaths.map((p) => p.clone()),
      this.tpValueToMatchNum.map((m) => new Map(m)),
    );
  }

  /** The global minimum for a constraint; 0 while fewer domains than minDomains exist. */
  minMatchNum(i: number, minDomains: number): number {
    const min = this.criticalPaths[i]!.paths[0].matchNum;
    return this.tpValueToMatchNum[i]!.size < minDomains ? 0 : min;
  }

  /** Adds or removes a pod's match on a node (preFilterState.updateWithPod). */
  updateWithPod(updatedPod: Pod, preemptorPod: Pod, nodeInfo: NodeInfo, delta: number): void {
    const node = nodeInfo.node;
    if (!node || updatedPod.metadata.namespace !== preemptorPod.metadata.namespace) return;
    if (!nodeLabelsMatchSpreadConstraints(nodeInfo.labels, this.constraints)) return;
    const required = new RequiredNodeAffinity(preemptorPod);
    this.constraints.forEach((c, i) => {
      if (!c.selector.matches(updatedPod.metadata.labels)) return;
      if (!matchNodeInclusionPolicies(c, preemptorPod, node, required)) return;
      const v = nodeInfo.labels[c.topologyKey] ?? '';
      const counts = this.tpValueToMatchNum[i]!;
      const next = (counts.get(v) ?? 0) + delta;
      counts.set(v, next);
      this.criticalPaths[i]!.update(v, next);
    });
  }
}

/** Counts the matching pods per topology value of every constraint over all nodes (calPreFilterState). */
export function calPreFilterState(
  pod: Pod,
  constraints: readonly SpreadConstraint[],
  allNodes: readonly NodeInfo[],
): PreFilterState {
  const tpValueToMatchNum = constraints.map(() => new Map<string, number>());
  const required = new RequiredNodeAffinity(pod);
  const namespace = pod.metadata.namespace ?? '';
  for (const nodeInfo of allNodes) {
    const node = nodeInfo.node;
    if (!node || !nodeLabelsMatchSpreadConstraints(nodeInfo.labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!matchNodeInclusionPolicies(c, pod, node, required)) return;
      const value = nodeInfo.labels[c.topologyKey]!;
      const counts = tpValueToMatchNum[i]!;
      counts.set(value, (counts.get(value) ?? 0) + countPodsMatchSelector(nodeInfo, c, namespace));
    });
  }
  const criticalPaths = constraints.map((_, i) => {
    const paths = new CriticalPaths();
    for (const [value, num] of tpValueToMatchNum[i]!) paths.update(value, num);
    return paths;
  });
  return new PreFilterState(constraints, criticalPaths, tpValueToMatchNum);
}

/** 'existing matching num' + 'self-match (1 or 0)' − 'global minimum' ≤ maxSkew, for every constraint. */
export function filterNode(s: PreFilterState, pod: Pod, nodeInfo: NodeInfo): string | undefined {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const tpVal = nodeInfo.labels[c.topologyKey];
    if (tpVal === undefined) return ErrReasonNodeLabelNotMatch;
    const minMatchNum = s.minMatchNum(i, c.minDomains);
    const selfMatchNum = c.selector.matches(pod.metadata.labels) ? 1 : 0;
    const matchNum = s.tpValueToMatchNum[i]!.get(tpVal) ?? 0;
    if (matchNum + selfMatchNum - minMatchNum > c.maxSkew) return ErrReasonConstraintsNotMatch;
  }
  return undefined;
}
