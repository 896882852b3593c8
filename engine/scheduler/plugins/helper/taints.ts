// Taints and tolerations (core/v1 helper): whether a toleration tolerates a taint, and the first taint of a node a
// pod does not tolerate among those a filter selects — NoSchedule and NoExecute ones for scheduling.

import type { Taint, Toleration } from '../../framework/api-types.ts';

/** Toleration.ToleratesTaint: effect and key match (empty matches all), then Exists, or Equal values. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | null | undefined, taint: Taint): boolean {
  if (!tolerations) return false;
  for (const toleration of tolerations) if (toleratesTaint(toleration, taint)) return true;
  return false;
}

/** helper.DoNotScheduleTaintsFilterFunc: the taints that keep pods off a node. */
export const doNotScheduleTaints = (taint: Taint): boolean =>
  taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';

/** FindMatchingUntoleratedTaint: the first taint passing `filter` that no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | null | undefined,
  filter: (taint: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints) {
    if (filter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}
