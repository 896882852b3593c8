// InterPodAffinity's PreScore, Score and NormalizeScore (plugins/interpodaffinity/scoring.go): every existing pod
// adds weights to the topology domains of its node — the incoming pod's preferred terms it matches (+/−), and its
// own required affinity (the hard pod affinity weight) and preferred terms the incoming pod matches — and a node
// scores the sum over its domains, normalized between the lowest and highest.

import type { Labels } from '../../../apiserver/selectors/label-requirement.ts';
import type { Pod } from '../../framework/api-types.ts';
import type { StateData } from '../../framework/cycle-state.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import type { AffinityTerm, PodInfo, WeightedAffinityTerm } from '../../framework/pod-info.ts';

export const preScoreStateKey = 'PreScoreInterPodAffinity';

/** HardPodAffinityWeight's default: what each required affinity term of an existing pod is worth. */
export const DEFAULT_HARD_POD_AFFINITY_WEIGHT = 1;

/** topologyKey → topology value → score. */
export type ScoreMap = Map<string, Map<string, number>>;

export class PreScoreState implements StateData {
  constructor(readonly topologyScore: ScoreMap) {}

  clone(): StateData {
    return this;
  }
}

function processTerm(
  m: ScoreMap,
  term: AffinityTerm,
  weight: number,
  pod: Pod,
  nsLabels: Labels,
  nodeLabels: Readonly<Record<string, string>>,
  multiplier: number,
): void {
  if (!term.matches(pod, nsLabels)) return;
  const value = nodeLabels[term.topologyKey];
  if (value === undefined) return;
  let values = m.get(term.topologyKey);
  if (!values) m.set(term.topologyKey, (values = new Map()));
  values.set(value, (values.get(value) ?? 0) + weight * multiplier);
}

function processTerms(
  m: ScoreMap,
  terms: readonly WeightedAffinityTerm[],
  pod: Pod,
  nsLabels: Labels,
  nodeLabels: Readonly<Record<string, string>>,
  multiplier: number,
): void {
  for (const { term, weight } of terms) processTerm(m, term, weight, pod, nsLabels, nodeLabels, multiplier);
}

export interface IncomingPreferredTerms {
  affinity: readonly WeightedAffinityTerm[];
  antiAffinity: readonly WeightedAffinityTerm[];
}

/** Adds one existing pod's contributions to the scores of its node's domains (processExistingPod). */
export function processExistingPod(
  m: ScoreMap,
  incoming: IncomingPreferredTerms,
  incomingPod: Pod,
  incomingNsLabels: Labels,
  existing: PodInfo,
  nodeInfo: NodeInfo,
  hardPodAffinityWeight: number,
): void {
  const labels = nodeInfo.labels;
  if (Object.keys(labels).length === 0) return;
  processTerms(m, incoming.affinity, existing.pod, undefined, labels, 1);
  processTerms(m, incoming.antiAffinity, existing.pod, undefined, labels, -1);
  if (hardPodAffinityWeight > 0) {
    for (const term of existing.requiredAffinityTerms) {
      processTerm(m, term, hardPodAffinityWeight, incomingPod, incomingNsLabels, labels, 1);
    }
  }
  processTerms(m, existing.preferredAffinityTerms, incomingPod, incomingNsLabels, labels, 1);
  processTerms(m, existing.preferredAntiAffinityTerms, incomingPod, incomingNsLabels, labels, -1);
}

/** The node's score: the sums of its domains. */
export function scoreNode(state: PreScoreState, nodeInfo: NodeInfo): number {
  let score = 0;
  for (const [key, values] of state.topologyScore) {
    const value = nodeInfo.labels[key];
    if (value !== undefined) score += values.get(value) ?? 0;
  }
  return score;
}

/** Maps the scores linearly from [min, max] to [0, 100] (truncated); all 0 when they are equal. */
export function normalizeScores(scores: number[]): void {
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s > max) max = s;
    if (s < min) min = s;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = diff > 0 ? Math.trunc((100 * (scores[i]! - min)) / diff) : 0;
  }
}
