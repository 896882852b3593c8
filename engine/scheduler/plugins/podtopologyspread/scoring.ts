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
import { pairOf } from './domain-counts.ts';
import {
  LABEL_HOSTNAME,
  countPodsMatchSelector,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
} from './common.ts';

const INVALID_SCORE = -1;

export class PreScoreState implements StateData {
  readonly ignoredNodes = new Set<string>();
  /** "key\0value" → matching pods, for the values of the filtered nodes (host counts are taken in Score). */
  readonly topologyPairToPodCounts = new Map<string, number>();
  topologyNormalizingWeight: number[] = [];

  constructor(readonly constraints: readonly SpreadConstraint[]) {}

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
  for (const nodeInfo of filteredNodes) {
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(nodeInfo.labels, constraints)) {
      s.ignoredNodes.add(nodeInfo.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      const pair = pairOf(c.topologyKey, nodeInfo.labels[c.topologyKey] ?? '');
      if (!s.topologyPairToPodCounts.has(pair)) {
        s.topologyPairToPodCounts.set(pair, 0);
        topoSize[i]!++;
      }
    });
  }
  s.topologyNormalizingWeight = constraints.map((c, i) =>
    topologyNormalizingWeight(
      c.topologyKey === LABEL_HOSTNAME ? filteredNodes.length - s.ignoredNodes.size : topoSize[i]!,
    ),
  );
  // Only domains of filtered nodes are counted; with host constraints alone there are none to count.
  if (s.topologyPairToPodCounts.size === 0) return s;
  const required = new RequiredNodeAffinity(pod);
  const namespace = pod.metadata.namespace ?? '';
  if (domainCounts) {
    const ctx = { pod, constraints, required, requireAllTopologies, namespace };
    const totals = constraints
      .filter((c) => c.topologyKey !== LABEL_HOSTNAME)
      .map((c) => domainCounts.counts.totals(domainCounts.lister, c, ctx));
    if (totals.every((t) => t !== undefined)) {
      for (const pair of s.topologyPairToPodCounts.keys()) {
        let count = 0;
        for (const t of totals) count += t.get(pair) ?? 0;
        s.topologyPairToPodCounts.set(pair, count);
      }
      return s;
    }
  }
  // Most nodes share their domain with the node before (or have none): its pair is made once.
  const lastValues: (string | undefined)[] = constraints.map(() => undefined);
  const lastPairs: string[] = constraints.map(() => '');
  for (const nodeInfo of allNodes) {
    const node = nodeInfo.node;
    if (!node) continue;
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(nodeInfo.labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      if (!matchNodeInclusionPolicies(c, pod, node, required)) continue;
      const value = nodeInfo.labels[c.topologyKey] ?? '';
      if (value !== lastValues[i]) {
        lastValues[i] = value;
        lastPairs[i] = pairOf(c.topologyKey, value);
      }
      const pair = lastPairs[i]!;
      const count = s.topologyPairToPodCounts.get(pair);
      if (count === undefined) continue;
      s.topologyPairToPodCounts.set(pair, count + countPodsMatchSelector(nodeInfo, c, namespace));
    }
  }
  return s;
}

export function scoreNode(s: PreScoreState, pod: Pod, nodeInfo: NodeInfo): number {
  if (s.ignoredNodes.has(nodeInfo.name)) return 0;
  let score = 0;
  const namespace = pod.metadata.namespace ?? '';
  s.constraints.forEach((c, i) => {
    const tpVal = nodeInfo.labels[c.topologyKey];
    if (tpVal === undefined) return;
    const cnt =
      c.topologyKey === LABEL_HOSTNAME
        ? countPodsMatchSelector(nodeInfo, c, namespace)
        : (s.topologyPairToPodCounts.get(pairOf(c.topologyKey, tpVal)) ?? 0);
    score += scoreForCount(cnt, c.maxSkew, s.topologyNormalizingWeight[i]!);
  });
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
