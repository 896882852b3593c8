// PodTopologySpread's PreScore, Score and NormalizeScore (plugins/podtopologyspread/scoring.go): soft constraints
// score a node by the matching pods in its domains (weighted by log(number of domains + 2), plus maxSkew − 1); the
// node with the fewest scores highest after normalizing, nodes lacking a required topology key score 0.

import type { Pod } from '../../framework/api-types.ts';
import type { StateData } from '../../framework/cycle-state.ts';
import { MAX_NODE_SCORE } from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import type { NodeInfoLister } from '../../framework/interface.ts';
import { RequiredNodeAffinity } from '../helper/node-affinity.ts';
import type { SpreadConstraint } from './common.ts';
import type { DomainCounts } from './domain-counts.ts';
import {
  LABEL_HOSTNAME,
  countPodsMatchSelector,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
} from './common.ts';

const INVALID_SCORE = -1;

export class PreScoreState implements StateData {
  readonly ignoredNodes = new Set<string>();
  /**
   * Matching pods by topology value, per topology key other than the hostname (constraints on the same key share
   * one map), for the values of the filtered nodes; host counts are taken in Score.
   */
  readonly topologyValueToPodCounts = new Map<string, Map<string, number>>();
  /** Per constraint: its key's map from topologyValueToPodCounts, undefined for a hostname constraint. */
  readonly podCounts: (Map<string, number> | undefined)[];
  topologyNormalizingWeight: number[] = [];

  constructor(readonly constraints: readonly SpreadConstraint[]) {
    this.podCounts = constraints.map((c) => {
      if (c.topologyKey === LABEL_HOSTNAME) return undefined;
      let counts = this.topologyValueToPodCounts.get(c.topologyKey);
      if (!counts) this.topologyValueToPodCounts.set(c.topologyKey, (counts = new Map()));
      return counts;
    });
  }

  clone(): StateData {
    return this;
  }
}

/** log(size + 2): domains weigh by how many there are (topologyNormalizingWeight). */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

function scoreForCount(cnt: number, maxSkew: number, tpWeight: number): number {
  return cnt * tpWeight + (maxSkew - 1);
}

/**
 * Builds the score state over the filtered nodes and counts matching pods over all nodes — from `domainCounts`, kept
 * up to date from the snapshot, when given.
 */
export function calPreScoreState(
  pod: Pod,
  constraints: readonly SpreadConstraint[],
  filteredNodes: readonly NodeInfo[],
  allNodes: readonly NodeInfo[],
  requireAllTopologies: boolean,
  domainCounts?: { counts: DomainCounts; lister: NodeInfoLister },
): PreScoreState {
  const s = new PreScoreState(constraints);
  const topoSize = constraints.map(() => 0);
  let domains = 0;
  for (const nodeInfo of filteredNodes) {
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(nodeInfo.labels, constraints)) {
      s.ignoredNodes.add(nodeInfo.name);
      continue;
    }
    for (let i = 0; i < constraints.length; i++) {
      const counts = s.podCounts[i];
      if (!counts) continue;
      const value = nodeInfo.labels[constraints[i]!.topologyKey] ?? '';
      if (!counts.has(value)) {
        counts.set(value, 0);
        topoSize[i]!++;
        domains++;
      }
    }
  }
  s.topologyNormalizingWeight = constraints.map((c, i) =>
    topologyNormalizingWeight(
      c.topologyKey === LABEL_HOSTNAME ? filteredNodes.length - s.ignoredNodes.size : topoSize[i]!,
    ),
  );
  // Only domains of filtered nodes are counted; with host constraints alone there are none to count.
  if (domains === 0) return s;
  const required = new RequiredNodeAffinity(pod);
  const namespace = pod.metadata.namespace ?? '';
  if (domainCounts) {
    const ctx = { pod, constraints, required, requireAllTopologies, namespace };
    const totals = constraints.map((c) =>
      c.topologyKey === LABEL_HOSTNAME ? undefined : domainCounts.counts.totals(domainCounts.lister, c, ctx),
    );
    if (totals.every((t, i) => t !== undefined || !s.podCounts[i])) {
      for (const [key, counts] of s.topologyValueToPodCounts) {
        for (const value of counts.keys()) {
          let count = 0;
          for (let i = 0; i < constraints.length; i++) {
            if (constraints[i]!.topologyKey === key) count += totals[i]!.get(value) ?? 0;
          }
          counts.set(value, count);
        }
      }
      return s;
    }
  }
  for (const nodeInfo of allNodes) {
    const node = nodeInfo.node;
    if (!node) continue;
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(nodeInfo.labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const counts = s.podCounts[i];
      if (!counts) continue;
      const c = constraints[i]!;
      if (!matchNodeInclusionPolicies(c, pod, node, required)) continue;
      const value = nodeInfo.labels[c.topologyKey] ?? '';
      const count = counts.get(value);
      if (count === undefined) continue;
      counts.set(value, count + countPodsMatchSelector(nodeInfo, c, namespace));
    }
  }
  return s;
}

export function scoreNode(s: PreScoreState, pod: Pod, nodeInfo: NodeInfo): number {
  if (s.ignoredNodes.size > 0 && s.ignoredNodes.has(nodeInfo.name)) return 0;
  let score = 0;
  const namespace = pod.metadata.namespace ?? '';
  const { constraints, podCounts, topologyNormalizingWeight: weights } = s;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i]!;
    const tpVal = nodeInfo.labels[c.topologyKey];
    if (tpVal === undefined) continue;
    const counts = podCounts[i];
    const cnt = counts ? (counts.get(tpVal) ?? 0) : countPodsMatchSelector(nodeInfo, c, namespace);
    score += scoreForCount(cnt, c.maxSkew, weights[i]!);
  }
  return Math.round(score);
}

/** Reverses the scores into 0–100 (fewest matching pods best); ignored nodes score 0. */
export function normalizeScores(s: PreScoreState, nodes: readonly NodeInfo[], scores: number[]): void {
  let minScore = Number.MAX_SAFE_INTEGER;
  let maxScore = 0;
  for (let i = 0; i < scores.length; i++) {
    if (s.ignoredNodes.has(nodes[i]!.name)) {
      scores[i] = INVALID_SCORE;
      continue;
    }
    minScore = Math.min(minScore, scores[i]!);
    maxScore = Math.max(maxScore, scores[i]!);
  }
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] === INVALID_SCORE) {
      scores[i] = 0;
    } else if (maxScore === 0) {
      scores[i] = MAX_NODE_SCORE;
    } else {
      scores[i] = Math.trunc((MAX_NODE_SCORE * (maxScore + minScore - scores[i]!)) / maxScore);
    }
  }
}
