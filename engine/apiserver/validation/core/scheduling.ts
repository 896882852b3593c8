// Scheduling constraints (ValidateTolerations, validateAffinity, validateTopologySpreadConstraints, and the taints
// of nodes): operators and effects from their fixed sets, label keys and values, weights in 1-100.

import {
  FieldError,
  duplicate,
  forbiddenField,
  invalidValue,
  notSupported,
  required,
} from '../../errors/field-error.ts';
import type { FieldPath } from '../../errors/field-error.ts';
import { list, num, optNum, record, records, str } from '../access.ts';
import type { Json } from '../access.ts';
import { invalidEach } from '../generic.ts';
import { validateLabelName } from '../labels.ts';
import { validateLabelSelector } from '../label-selector.ts';
import { IS_NOT_POSITIVE_ERROR_MSG } from '../messages.ts';
import { isValidLabelValue, nameIsDNSSubdomain, validateNamespaceName } from '../names.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTaintEffect(effect: string, allowEmpty: boolean, path: FieldPath): FieldError[] {
  if (!allowEmpty && effect === '') return [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  records(tolerations).forEach((toleration, i) => {
    const at = path.index(i);
    const key = str(toleration.key);
    const operator = str(toleration.operator);
    const value = str(toleration.value);
    const effect = str(toleration.effect);
    if (key !== '') errs.push(...validateLabelName(key, at.child('key')));
    if (key === '' && operator !== 'Exists') {
      errs.push(
        invalidValue(
          at.child('operator'),
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (optNum(toleration.tolerationSeconds) !== undefined && effect !== 'NoExecute') {
      errs.push(invalidValue(at.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (operator) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length) errs.push(invalidValue(at.child('operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value !== '')
          errs.push(invalidValue(at.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(at.child('operator'), operator, ['Equal', 'Exists']));
    }
    if (effect !== '') errs.push(...validateTaintEffect(effect, true, at.child('effect')));
  });
  return errs;
}

/** A node's spec.taints: valid keys, values and effects, unique by key and effect. */
export function validateTaints(taints: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  records(taints).forEach((taint, i) => {
    const at = path.index(i);
    const key = str(taint.key);
    const effect = str(taint.effect);
    errs.push(...validateLabelName(key, at.child('key')));
    const msgs = isValidLabelValue(str(taint.value));
    if (msgs.length) errs.push(invalidValue(at.child('value'), str(taint.value), msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, at.child('effect')));
    const id = `${effect}\u0000${key}`;
    if (seen.has(id)) {
      errs.push(
        new FieldError(
          'FieldValueDuplicate',
          at.toString(),
          taint,
          'taints must be unique by key and effect pair',
          false,
        ),
      );
      return;
    }
    seen.add(id);
  });
  return errs;
}

function validateNodeSelectorRequirement(req: Json, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const operator = str(req.operator);
  const values = list(req.values).map(str);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errs.push(
          forbiddenField(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1)
        errs.push(required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalidValue(path.child('operator'), operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(req.key), path.child('key')));
  if (!allowInvalidValues)
    values.forEach((v, i) => errs.push(...invalidEach(path.child('values').index(i), v, isValidLabelValue(v))));
  return errs;
}

function validateNodeFieldSelectorRequirement(req: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const operator = str(req.operator);
  const values = list(req.values).map(str);
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length !== 1)
      errs.push(
        required(
          path.child('values'),
          "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
        ),
      );
  } else {
    errs.push(invalidValue(path.child('operator'), operator, 'not a valid selector operator'));
  }
  if (str(req.key) !== 'metadata.name')
    errs.push(invalidValue(path.child('key'), str(req.key), 'not a valid field selector key'));
  else
    values.forEach((v, i) => errs.push(...invalidEach(path.child('values').index(i), v, nameIsDNSSubdomain(v, false))));
  return errs;
}

function validateNodeSelectorTerm(term: Json, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  records(term.matchExpressions).forEach((req, j) => {
    errs.push(...validateNodeSelectorRequirement(req, allowInvalidValues, path.child('matchExpressions').index(j)));
  });
  records(term.matchFields).forEach((req, j) =>
    errs.push(...validateNodeFieldSelectorRequirement(req, path.child('matchFields').index(j))),
  );
  return errs;
}

/** A NodeSelector (required node affinity, a PV's node affinity): at least one term. */
export function validateNodeSelector(selector: Json, path: FieldPath): FieldError[] {
  const termsPath = path.child('nodeSelectorTerms');
  const terms = records(selector.nodeSelectorTerms);
  if (terms.length === 0) return [required(termsPath, 'must have at least one node selector term')];
  return terms.flatMap((term, i) => validateNodeSelectorTerm(term, false, termsPath.index(i)));
}

function validateWeight(weight: number, path: FieldPath): FieldError[] {
  return weight <= 0 || weight > 100 ? [invalidValue(path, weight, 'must be in the range 1-100')] : [];
}

function validatePodAffinityTerm(term: Json, path: FieldPath): FieldError[] {
  const errs = validateLabelSelector(term.labelSelector, {}, path.child('labelSelector'));
  errs.push(...validateLabelSelector(term.namespaceSelector, {}, path.child('namespaceSelector')));
  for (const ns of list(term.namespaces).map(str))
    errs.push(...invalidEach(path.child('namespace'), ns, validateNamespaceName(ns, false)));
  const selector = record(term.labelSelector);
  for (const field of ['matchLabelKeys', 'mismatchLabelKeys']) {
    const keys = list(term[field]).map(str);
    if (keys.length === 0) continue;
    if (!selector) errs.push(forbiddenField(path.child(field), 'must not be specified when labelSelector is not set'));
    else keys.forEach((key, i) => errs.push(...validateLabelName(key, path.child(field).index(i))));
  }
  const mismatch = new Set(list(term.mismatchLabelKeys).map(str));
  list(term.matchLabelKeys)
    .map(str)
    .forEach((key, i) => {
      if (mismatch.has(key))
        errs.push(
          invalidValue(
            path.child('matchLabelKeys').index(i),
            key,
            'exists in both matchLabelKeys and mismatchLabelKeys',
          ),
        );
    });
  const topologyKey = str(term.topologyKey);
  if (topologyKey === '') errs.push(required(path.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(topologyKey, path.child('topologyKey')));
  return errs;
}

function validatePodAffinity(value: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const requiredTerms = path.child('requiredDuringSchedulingIgnoredDuringExecution');
  records(value.requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) =>
    errs.push(...validatePodAffinityTerm(term, requiredTerms.index(i))),
  );
  const preferred = path.child('preferredDuringSchedulingIgnoredDuringExecution');
  records(value.preferredDuringSchedulingIgnoredDuringExecution).forEach((weighted, i) => {
    errs.push(...validateWeight(num(weighted.weight), preferred.index(i).child('weight')));
    errs.push(
      ...validatePodAffinityTerm(record(weighted.podAffinityTerm) ?? {}, preferred.index(i).child('podAffinityTerm')),
    );
  });
  return errs;
}

export function validateAffinity(value: unknown, path: FieldPath): FieldError[] {
  const affinity = record(value);
  if (!affinity) return [];
  const errs: FieldError[] = [];
  const node = record(affinity.nodeAffinity);
  if (node) {
    const nodePath = path.child('nodeAffinity');
    const requiredSelector = record(node.requiredDuringSchedulingIgnoredDuringExecution);
    if (requiredSelector)
      errs.push(
        ...validateNodeSelector(requiredSelector, nodePath.child('requiredDuringSchedulingIgnoredDuringExecution')),
      );
    const preferred = nodePath.child('preferredDuringSchedulingIgnoredDuringExecution');
    records(node.preferredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
      errs.push(...validateWeight(num(term.weight), preferred.index(i).child('weight')));
      errs.push(
        ...validateNodeSelectorTerm(record(term.preference) ?? {}, true, preferred.index(i).child('preference')),
      );
    });
  }
  const podAffinity = record(affinity.podAffinity);
  if (podAffinity) errs.push(...validatePodAffinity(podAffinity, path.child('podAffinity')));
  const podAntiAffinity = record(affinity.podAntiAffinity);
  if (podAntiAffinity) errs.push(...validatePodAffinity(podAntiAffinity, path.child('podAntiAffinity')));
  return errs;
}

export function validateTopologySpreadConstraints(constraints: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const all = records(constraints);
  all.forEach((c, i) => {
    const at = path.index(i);
    const maxSkew = num(c.maxSkew);
    if (maxSkew <= 0) errs.push(invalidValue(at.child('maxSkew'), maxSkew, IS_NOT_POSITIVE_ERROR_MSG));
    if (str(c.topologyKey) === '') errs.push(required(at.child('topologyKey'), 'can not be empty'));
    const action = str(c.whenUnsatisfiable);
    if (action !== 'DoNotSchedule' && action !== 'ScheduleAnyway') {
      errs.push(notSupported(at.child('whenUnsatisfiable'), action, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (
      all.slice(i + 1).some((o) => str(o.topologyKey) === str(c.topologyKey) && str(o.whenUnsatisfiable) === action)
    ) {
      errs.push(duplicate(at.child('{topologyKey, whenUnsatisfiable}'), `{${str(c.topologyKey)}, ${action}}`));
    }
    const minDomains = optNum(c.minDomains);
    if (minDomains !== undefined) {
      if (minDomains <= 0) errs.push(invalidValue(at.child('minDomains'), minDomains, IS_NOT_POSITIVE_ERROR_MSG));
      if (action !== 'DoNotSchedule') {
        errs.push(
          invalidValue(
            at.child('minDomains'),
            minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`,
          ),
        );
      }
    }
    for (const field of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const policy = c[field];
      if (policy !== undefined && policy !== null && policy !== 'Honor' && policy !== 'Ignore') {
        errs.push(notSupported(at.child(field), policy, ['Honor', 'Ignore']));
      }
    }
    const selector = record(c.labelSelector);
    const keys = list(c.matchLabelKeys).map(str);
    if (keys.length > 0) {
      if (!selector)
        errs.push(forbiddenField(at.child('matchLabelKeys'), 'must not be specified when labelSelector is not set'));
      const selectorKeys = new Set([
        ...Object.keys(record(selector?.matchLabels) ?? {}),
        ...records(selector?.matchExpressions).map((e) => str(e.key)),
      ]);
      keys.forEach((key, k) => {
        errs.push(...validateLabelName(key, at.child('matchLabelKeys').index(k)));
        if (selectorKeys.has(key))
          errs.push(
            invalidValue(at.child('matchLabelKeys').index(k), key, 'exists in both matchLabelKeys and labelSelector'),
          );
      });
    }
    errs.push(...validateLabelSelector(c.labelSelector, {}, at.child('labelSelector')));
  });
  return errs;
}
