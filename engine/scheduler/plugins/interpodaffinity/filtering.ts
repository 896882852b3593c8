// InterPodAffinity's PreFilter and Filter (plugins/interpodaffinity/filtering.go): counts, per topology domain, the
// existing pods whose required anti-affinity the incoming pod would violate, and the pods matching the incoming
// pod's required affinity and anti-affinity terms; a node passes when its domains satisfy all three.

import type { Labels } from '../../../apiserver/selectors/label-requirement.ts';
import type { CycleState, StateData } from '../../framework/cycle-state.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import type { AffinityTerm, PodInfo } from '../../framework/pod-info.ts';
import { TopologyToMatchedTermCount, podMatchesAllAffinityTerms, topologyPair } from './topology-counts.ts';

/** ErrReasonExistingAntiAffinityRulesNotMatch. */
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
/** ErrReasonAffinityRulesNotMatch. */
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
/** ErrReasonAntiAffinityRulesNotMatch. */
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

export const preFilterStateKey = 'PreFilterInterPodAffinity';

export class PreFilterState implements StateData {
  constructor(
    /** Existing pods' anti-affinity terms the incoming pod matches, per domain. */
    readonly existingAntiAffinityCounts: TopologyToMatchedTermCount,
    /** Existing pods matching all the incoming pod's affinity terms, per domain. */
    readonly affinityCounts: TopologyToMatchedTermCount,
    /** Existing pods matching each of the incoming pod's anti-affinity terms, per domain. */
    readonly antiAffinityCounts: TopologyToMatchedTermCount,
    readonly podInfo: PodInfo,
    /** The incoming pod's required terms, with namespace selectors resolved to namespaces. */
    readonly requiredAffinityTerms: readonly AffinityTerm[],
    readonly requiredAntiAffinityTerms: readonly AffinityTerm[],
    readonly namespaceLabels: Labels,
  ) {}

  clone(): StateData {
    return new PreFilterState(
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
      this.podInfo,
      this.requiredAffinityTerms,
      this.requiredAntiAffinityTerms,
      this.namespaceLabels,
    );
  }

  /** Adds (1) or removes (-1) an existing pod's contributions (preFilterState.updateWithPod). */
  updateWithPod(pInfo: PodInfo, nodeInfo: NodeInfo, multiplier: number): void {
    const labels = nodeInfo.labels;
    this.existingAntiAffinityCounts.updateWithAntiAffinityTerms(
      pInfo.requiredAntiAffinityTerms,
      this.podInfo.pod,
      this.namespaceLabels,
      labels,
      multiplier,
    );
    // The incoming pod's terms have their namespace selectors merged into namespaces: no labels needed.
    this.affinityCounts.updateWithAffinityTerms(this.requiredAffinityTerms, pInfo.pod, undefined, labels, multiplier);
    this.antiAffinityCounts.updateWithAntiAffinityTerms(
      this.requiredAntiAffinityTerms,
      pInfo.pod,
      undefined,
      labels,
      multiplier,
    );
  }
}

/** The domains of the nodes hosting pods whose required anti-affinity the incoming pod matches. */
export function existingAntiAffinityCounts(
  pod: PodInfo,
  nsLabels: Labels,
  nodesWithRequiredAntiAffinityPods: readonly NodeInfo[],
): TopologyToMatchedTermCount {
  const counts = new TopologyToMatchedTermCount();
  for (const nodeInfo of nodesWithRequiredAntiAffinityPods) {
    if (!nodeInfo.node) continue;
    for (const existing of nodeInfo.podsWithRequiredAntiAffinity) {
      counts.updateWithAntiAffinityTerms(existing.requiredAntiAffinityTerms, pod.pod, nsLabels, nodeInfo.labels, 1);
    }
  }
  return counts;
}

/** The domains of the pods matching the incoming pod's affinity and anti-affinity terms. */
export function incomingAffinityAntiAffinityCounts(
  affinityTerms: readonly AffinityTerm[],
  antiAffinityTerms: readonly AffinityTerm[],
  allNodes: readonly NodeInfo[],
): [TopologyToMatchedTermCount, TopologyToMatchedTermCount] {
  const affinity = new TopologyToMatchedTermCount();
  const antiAffinity = new TopologyToMatchedTermCount();
  if (affinityTerms.length === 0 && antiAffinityTerms.length === 0) return [affinity, antiAffinity];
  for (const nodeInfo of allNodes) {
    if (!nodeInfo.node) continue;
    for (const existing of nodeInfo.pods) {
      affinity.updateWithAffinityTerms(affinityTerms, existing.pod, undefined, nodeInfo.labels, 1);
      antiAffinity.updateWithAntiAffinityTerms(antiAffinityTerms, existing.pod, undefined, nodeInfo.labels, 1);
    }
  }
  return [affinity, antiAffinity];
}

/** Whether no existing pod's anti-affinity forbids the node's domains (satisfyExistingPodsAntiAffinity). */
export function satisfyExistingPodsAntiAffinity(state: PreFilterState, nodeInfo: NodeInfo): boolean {
  if (state.existingAntiAffinityCounts.size === 0) return true;
  for (const [key, value] of Object.entries(nodeInfo.labels)) {
    if (state.existingAntiAffinityCounts.get(topologyPair(key, value)) > 0) return false;
  }
  return true;
}

/** Whether the node's domains hold no pod the incoming pod's anti-affinity forbids (satisfyPodAntiAffinity). */
export function satisfyPodAntiAffinity(state: PreFilterState, nodeInfo: NodeInfo): boolean {
  if (state.antiAffinityCounts.size === 0) return true;
  for (const term of state.requiredAntiAffinityTerms) {
    const value = nodeInfo.labels[term.topologyKey];
    if (value !== undefined && state.antiAffinityCounts.get(topologyPair(term.topologyKey, value)) > 0) return false;
  }
  return true;
}

/**
 * Whether the node's domains hold the pods the incoming pod's affinity wants (satisfyPodAffinity). The first pod of
 * a group with affinity to itself passes when no pod anywhere matches and it matches its own terms.
 */
export function satisfyPodAffinity(state: PreFilterState, nodeInfo: NodeInfo): boolean {
  let podsExist = true;
  for (const term of state.requiredAffinityTerms) {
    const value = nodeInfo.labels[term.topologyKey];
    if (value === undefined) return false;
    if (state.affinityCounts.get(topologyPair(term.topologyKey, value)) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  return (
    state.affinityCounts.size === 0 &&
    podMatchesAllAffinityTerms(state.requiredAffinityTerms, state.podInfo.pod, state.namespaceLabels)
  );
}

export function readPreFilterState(state: CycleState): PreFilterState | undefined {
  return state.read<PreFilterState>(preFilterStateKey);
}
