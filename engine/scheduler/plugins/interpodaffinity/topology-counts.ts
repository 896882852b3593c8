// Counts per topology pair (topologyToMatchedTermCount): how many pods matching a set of affinity terms run in
// each (topologyKey, value) domain — what InterPodAffinity's Filter compares a node's labels against.

import type { Labels } from '../../../apiserver/selectors/label-requirement.ts';
import type { Pod } from '../../framework/api-types.ts';
import type { AffinityTerm } from '../../framework/pod-info.ts';

/** The map key of a topology pair. */
export function topologyPair(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** Whether the pod matches every term (podMatchesAllAffinityTerms); false for no terms. */
export function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: Pod, nsLabels: Labels): boolean {
  if (terms.length === 0) return false;
  for (const term of terms) if (!term.matches(pod, nsLabels)) return false;
  return true;
}

export class TopologyToMatchedTermCount {
  readonly counts = new Map<string, number>();

  get size(): number {
    return this.counts.size;
  }

  get(pair: string): number {
    return this.counts.get(pair) ?? 0;
  }

  /** Adds `value` to the node's domain of `topologyKey`, dropping domains that reach zero. */
  update(nodeLabels: Readonly<Record<string, string>>, topologyKey: string, value: number): void {
    const tv = nodeLabels[topologyKey];
    if (tv === undefined) return;
    const pair = topologyPair(topologyKey, tv);
    const next = (this.counts.get(pair) ?? 0) + value;
    if (next === 0) this.counts.delete(pair);
    else this.counts.set(pair, next);
  }

  /** Counts `value` for each term when the pod matches all of them (updateWithAffinityTerms). */
  updateWithAffinityTerms(
    terms: readonly AffinityTerm[],
    pod: Pod,
    nsLabels: Labels,
    nodeLabels: Readonly<Record<string, string>>,
    value: number,
  ): void {
    if (!podMatchesAllAffinityTerms(terms, pod, nsLabels)) return;
    for (const t of terms) this.update(nodeLabels, t.topologyKey, value);
  }

  /** Counts `value` for each term the pod matches (updateWithAntiAffinityTerms). */
  updateWithAntiAffinityTerms(
    terms: readonly AffinityTerm[],
    pod: Pod,
    nsLabels: Labels,
    nodeLabels: Readonly<Record<string, string>>,
    value: number,
  ): void {
    for (const t of terms) if (t.matches(pod, nsLabels)) this.update(nodeLabels, t.topologyKey, value);
  }

  append(other: TopologyToMatchedTermCount): void {
    for (const [pair, count] of other.counts) {
      const next = (this.counts.get(pair) ?? 0) + count;
      if (next === 0) this.counts.delete(pair);
      else this.counts.set(pair, next);
    }
  }

  clone(): TopologyToMatchedTermCount {
    const copy = new TopologyToMatchedTermCount();
    for (const [pair, count] of this.counts) copy.counts.set(pair, count);
    return copy;
  }
}
