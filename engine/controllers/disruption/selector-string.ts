// A label selector as Go's %v prints a *metav1.LabelSelector (its generated String method), the way the disruption
// controller's UnmanagedPods event shows the budget's selector: labels sorted by key, expressions in order.

import type { MetaLabelSelector } from '../../apiserver/selectors/label-selector.ts';

export function labelSelectorString(selector: MetaLabelSelector | null | undefined): string {
  if (!selector) return 'nil';
  const labels = Object.entries(selector.matchLabels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}: ${v},`)
    .join('');
  const expressions = (selector.matchExpressions ?? [])
    .map(
      (r) => `LabelSelectorRequirement{Key:${r.key},Operator:${r.operator},Values:[${(r.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}
