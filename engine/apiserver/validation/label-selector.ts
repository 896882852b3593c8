// metav1.LabelSelector: its validation (matchLabels as labels, matchExpressions with known operators and values),
// and its meaning as a selector (metav1.LabelSelectorAsSelector), which workload validation uses to check that a
// selector matches its pod template's labels.

import { forbiddenField, invalidValue, required } from '../errors/field-error.ts';
import type { FieldError, FieldPath } from '../errors/field-error.ts';
import { list, record, records, str, stringMap } from './access.ts';
import { invalidEach } from './generic.ts';
import { validateLabelName, validateLabels } from './labels.ts';
import { isQualifiedName, isValidLabelValue } from './names.ts';

export interface LabelSelectorOptions {
  /** Tolerate invalid values in matchExpressions (kept for objects stored before the rule existed). */
  allowInvalidLabelValueInSelector?: boolean;
}

function validateLabelSelectorRequirement(
  requirement: unknown,
  options: LabelSelectorOptions,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const req = record(requirement) ?? {};
  const operator = str(req.operator);
  const values = list(req.values);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errs.push(
          forbiddenField(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      }
      break;
    default:
      errs.push(invalidValue(path.child('operator'), operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(req.key), path.child('key')));
  if (!options.allowInvalidLabelValueInSelector) {
    values.forEach((value, i) => {
      errs.push(...invalidEach(path.child('values').index(i), str(value), isValidLabelValue(str(value))));
    });
  }
  return errs;
}

/** Validates a LabelSelector; an absent selector is valid (callers that require one say so). */
export function validateLabelSelector(selector: unknown, options: LabelSelectorOptions, path: FieldPath): FieldError[] {
  const sel = record(selector);
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, path.child('matchLabels'));
  list(sel.matchExpressions).forEach((expr, i) => {
    errs.push(...validateLabelSelectorRequirement(expr, options, path.child('matchExpressions').index(i)));
  });
  return errs;
}

interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** A parsed selector: "nothing" (from an absent LabelSelector) matches no labels; no requirements match all. */
export type Selector = { nothing: true } | { nothing: false; requirements: Requirement[] };

function requirementError(req: Requirement): boolean {
  if (isQualifiedName(req.key).length > 0) return true;
  if ((req.operator === 'In' || req.operator === 'NotIn') && req.values.length === 0) return true;
  if ((req.operator === 'Exists' || req.operator === 'DoesNotExist') && req.values.length > 0) return true;
  return req.values.some((v) => isValidLabelValue(v).length > 0);
}

/** metav1.LabelSelectorAsSelector: undefined when the selector cannot be converted (invalid operator, key…). */
export function labelSelectorAsSelector(selector: unknown): Selector | undefined {
  const sel = record(selector);
  if (!sel) return { nothing: true };
  const requirements: Requirement[] = [];
  const matchLabels = stringMap(sel.matchLabels);
  for (const [key, value] of Object.entries(matchLabels)) requirements.push({ key, operator: 'In', values: [value] });
  for (const expr of records(sel.matchExpressions)) {
    const operator = str(expr.operator);
    if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist')
      return undefined;
    requirements.push({ key: str(expr.key), operator, values: list(expr.values).map(str) });
  }
  if (requirements.some(requirementError)) return undefined;
  return { nothing: false, requirements };
}

/** labels.Set(map).AsSelector(): every pair must match; an empty map selects everything. */
export function selectorFromMap(map: unknown): Selector {
  const requirements = Object.entries(stringMap(map)).map(([key, value]): Requirement => ({
    key,
    operator: 'In',
    values: [value],
  }));
  return { nothing: false, requirements };
}

/** Whether a selector has no requirements (and so selects everything). */
export function isEmptySelector(selector: Selector): boolean {
  return !selector.nothing && selector.requirements.length === 0;
}

export function selectorMatches(selector: Selector, labels: unknown): boolean {
  if (selector.nothing) return false;
  const set = stringMap(labels);
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(set, key);
  return selector.requirements.every((req) => {
    switch (req.operator) {
      case 'In':
        return has(req.key) && req.values.includes(set[req.key] ?? '');
      case 'NotIn':
        return !has(req.key) || !req.values.includes(set[req.key] ?? '');
      case 'Exists':
        return has(req.key);
      case 'DoesNotExist':
        return !has(req.key);
    }
  });
}
