// Which victims a PodDisruptionBudget protects (filterPodsWithPDBViolation): each matching budget's
// disruptionsAllowed is spent pod by pod; the pods that overdraw one are "violating".

import { LabelSelector } from '../../../apiserver/selectors/label-selector.ts';
import type { PodDisruptionBudget } from '../../framework/api-types.ts';
import type { PodInfo } from '../../framework/pod-info.ts';

export function filterPodsWithPDBViolation(
  podInfos: readonly PodInfo[],
  pdbs: readonly PodDisruptionBudget[],
): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((pdb) => pdb.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map((pdb) => {
    try {
      return LabelSelector.fromLabelSelector(pdb.spec?.selector);
    } catch {
      return undefined;
    }
  });
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const podInfo of podInfos) {
    const pod = podInfo.pod;
    let violated = false;
    if (pod.metadata.labels && Object.keys(pod.metadata.labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if (pdb.metadata.namespace !== pod.metadata.namespace) return;
        const selector = selectors[i];
        // A PDB with an invalid, nil or empty selector matches nothing.
        if (!selector || selector.isEmpty() || !selector.matches(pod.metadata.labels)) return;
        // A pod the API server already counted as disrupted does not spend the budget again.
        if (pdb.status?.disruptedPods?.[pod.metadata.name ?? ''] !== undefined) return;
        allowed[i]!--;
        if (allowed[i]! < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(podInfo);
  }
  return { violating, nonViolating };
}
