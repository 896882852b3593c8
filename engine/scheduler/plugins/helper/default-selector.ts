// helper.DefaultSelector (plugins/helper/spread.go): the selector of the pods that belong with a pod — the selectors
// of the Services that select it, and of its controlling ReplicationController, ReplicaSet or StatefulSet — which
// PodTopologySpread's system defaults spread.

import { parseApiVersion } from '../../../api/object.ts';
import { LabelSelector } from '../../../apiserver/selectors/label-selector.ts';
import type { MetaLabelSelector, MetaLabelSelectorRequirement } from '../../../apiserver/selectors/label-selector.ts';
import { controllerOf } from '../../framework/api-types.ts';
import type { Pod } from '../../framework/api-types.ts';
import type { SchedulerListers } from '../../framework/interface.ts';

function asExpressions(selector: MetaLabelSelector): MetaLabelSelectorRequirement[] {
  const expressions = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({
    key,
    operator: 'In',
    values: [value],
  }));
  return [...expressions, ...(selector.matchExpressions ?? [])];
}

/** The Services in the pod's namespace whose (non-nil) selector matches it (GetPodServices). */
function podServiceSelectors(listers: SchedulerListers, pod: Pod): Record<string, string>[] {
  const selectors: Record<string, string>[] = [];
  for (const service of listers.services.namespace(pod.metadata.namespace ?? '').list()) {
    const selector = (service['spec'] as { selector?: Record<string, string> | null } | undefined)?.selector;
    if (!selector) continue;
    if (LabelSelector.fromSet(selector).matches(pod.metadata.labels)) selectors.push(selector);
  }
  return selectors;
}

export function defaultSelector(pod: Pod, listers: SchedulerListers): LabelSelector {
  const labelSet: Record<string, string> = {};
  for (const selector of podServiceSelectors(listers, pod)) Object.assign(labelSet, selector);
  const owner = controllerOf(pod);
  if (!owner) return LabelSelector.fromSet(labelSet);
  const namespace = pod.metadata.namespace ?? '';
  const { group } = parseApiVersion(owner.apiVersion);
  const get = (lister: keyof SchedulerListers) => listers[lister].namespace(namespace).get(owner.name);
  if (group === '' && owner.kind === 'ReplicationController') {
    const rc = get('replicationControllers');
    const selector = (rc?.['spec'] as { selector?: Record<string, string> } | undefined)?.selector;
    if (rc) Object.assign(labelSet, selector);
    return LabelSelector.fromSet(labelSet);
  }
  const workload =
    group === 'apps' && owner.kind === 'ReplicaSet'
      ? get('replicaSets')
      : group === 'apps' && owner.kind === 'StatefulSet'
        ? get('statefulSets')
        : undefined;
  const selector = (workload?.['spec'] as { selector?: MetaLabelSelector } | undefined)?.selector;
  if (!workload || !selector) return LabelSelector.fromSet(labelSet);
  try {
    return LabelSelector.fromLabelSelector({ matchLabels: labelSet, matchExpressions: asExpressions(selector) });
  } catch {
    return LabelSelector.fromSet(labelSet);
  }
}
