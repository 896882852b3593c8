// Tolerations against taints (core/v1 Toleration.ToleratesTaint, v1helper.GetMatchingTolerations) and how long a
// pod may stay on a node tainted NoExecute: the shortest tolerationSeconds of the tolerations it uses, forever
// if none of them sets one, and not at all if some taint is not tolerated.

import type { Taint } from '../node-types.ts';

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number | null;
}

export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? '';
  if (operator === '' || operator === 'Equal') return (toleration.value ?? '') === (taint.value ?? '');
  return operator === 'Exists';
}

/** The toleration used for each taint, or undefined if some taint is not tolerated. */
export function matchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const toleration = tolerations.find((t) => toleratesTaint(t, taint));
    if (!toleration) return undefined;
    used.push(toleration);
  }
  return used;
}

/** getMinTolerationTime, in ms: the shortest tolerationSeconds (0 for none or a non-positive one), -1 for forever. */
export function minTolerationTimeMs(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const toleration of tolerations) {
    const seconds = toleration.tolerationSeconds;
    if (seconds === undefined || seconds === null) continue;
    if (seconds <= 0) return 0;
    min = Math.min(min, seconds);
  }
  return min === Infinity ? -1 : min * 1000;
}
