// Label maps and label selectors printed the way apimachinery's labels and metav1 helpers print them:
// "app=web,tier=front", "env in (prod,staging),!canary", "<none>" when empty.

import { isPlainObject } from '../../api/object.ts';
import { list, str, stringMap } from './read.ts';

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** labels.FormatLabels: sorted "key=value" pairs, or "<none>". */
export function formatLabels(labels: unknown): string {
  const pairs = Object.entries(stringMap(labels)).map(([key, value]) => `${key}=${value}`);
  return pairs.length === 0 ? '<none>' : pairs.sort(byteOrder).join(',');
}

interface Requirement {
  key: string;
  text: string;
}

function requirement(expression: unknown): Requirement | undefined {
  const key = str(expression, 'key');
  const values = list(expression, 'values').filter((v): v is string => typeof v === 'string');
  const sorted = [...values].sort(byteOrder).join(',');
  switch (str(expression, 'operator')) {
    case 'In':
      return values.length === 0 ? undefined : { key, text: `${key} in (${sorted})` };
    case 'NotIn':
      return values.length === 0 ? undefined : { key, text: `${key} notin (${sorted})` };
    case 'Exists':
      return values.length === 0 ? { key, text: key } : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? { key, text: `!${key}` } : undefined;
    default:
      return undefined;
  }
}

/**
 * A metav1.LabelSelector as a selector string (requirements sorted by key); "" for a missing or empty selector,
 * undefined when the selector is invalid (an unknown operator or values that do not fit it).
 */
export function selectorString(selector: unknown): string | undefined {
  if (!isPlainObject(selector)) return '';
  const requirements: Requirement[] = Object.entries(stringMap(selector, 'matchLabels')).map(([key, value]) => ({
    key,
    text: `${key}=${value}`,
  }));
  for (const expression of list(selector, 'matchExpressions')) {
    const parsed = requirement(expression);
    if (parsed === undefined) return undefined;
    requirements.push(parsed);
  }
  return requirements
    .sort((a, b) => byteOrder(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector string, "<none>" when it selects by nothing, "<error>" when invalid. */
export function formatLabelSelector(selector: unknown): string {
  const text = selectorString(selector);
  if (text === undefined) return '<error>';
  return text === '' ? '<none>' : text;
}

/**
 * The Go protobuf String() of a metav1.LabelSelector, which upstream prints for a ValidatingAdmissionPolicyBinding's
 * paramRef selector: "&LabelSelector{MatchLabels:map[string]string{a: b,},MatchExpressions:[]LabelSelectorRequirement{},}".
 */
export function labelSelectorGoString(selector: unknown): string {
  const labels = Object.entries(stringMap(selector, 'matchLabels'))
    .sort(([a], [b]) => byteOrder(a, b))
    .map(([key, value]) => `${key}: ${value},`)
    .join('');
  const expressions = list(selector, 'matchExpressions')
    .map((e) => {
      const values = list(e, 'values').filter((v): v is string => typeof v === 'string');
      return `LabelSelectorRequirement{Key:${str(e, 'key')},Operator:${str(e, 'operator')},Values:[${values.join(' ')}],},`;
    })
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}
