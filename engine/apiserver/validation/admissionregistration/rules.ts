// What admission webhooks and policies match (pkg/apis/admissionregistration/validation): rules of operations,
// API groups, versions and resources (with sub-resource wildcards), match resources with selectors and named
// rules, and match conditions with unique qualified names. CEL expressions are not compiled.

import { duplicate, invalidValue, notSupported, required, tooMany } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { list, record, records, str } from '../access.ts';
import type { Json } from '../access.ts';
import { invalidEach, validateQualifiedName } from '../generic.ts';
import { validateLabelSelector } from '../label-selector.ts';
import { isValidPathSegmentName } from '../path-segment-name.ts';

const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];
export const MATCH_POLICIES = ['Equivalent', 'Exact'];
const MAX_MATCH_CONDITIONS = 64;

const hasWildcard = (values: string[]): boolean => values.includes('*');

function validateResources(resources: string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (resources.length === 0) errs.push(required(path));
  const withWildcardSub = new Set<string>();
  const subWithWildcardResource = new Set<string>();
  let doubleWildcard = false;
  let singleWildcard = false;
  let withoutSubresource = false;
  resources.forEach((resSub, i) => {
    if (resSub === '') {
      errs.push(required(path.index(i)));
      return;
    }
    if (resSub === '*/*') doubleWildcard = true;
    if (resSub === '*') singleWildcard = true;
    const slash = resSub.indexOf('/');
    if (slash < 0) {
      withoutSubresource = resSub !== '*';
      return;
    }
    const res = resSub.slice(0, slash);
    const sub = resSub.slice(slash + 1);
    if (withWildcardSub.has(res))
      errs.push(invalidValue(path.index(i), resSub, `if '${res}/*' is present, must not specify ${resSub}`));
    if (subWithWildcardResource.has(sub))
      errs.push(invalidValue(path.index(i), resSub, `if '*/${sub}' is present, must not specify ${resSub}`));
    if (sub === '*') withWildcardSub.add(res);
    if (res === '*') subWithWildcardResource.add(sub);
  });
  if (resources.length > 1 && doubleWildcard)
    errs.push(invalidValue(path, resources, "if '*/*' is present, must not specify other resources"));
  if (singleWildcard && withoutSubresource) {
    errs.push(
      invalidValue(path, resources, "if '*' is present, must not specify other resources without subresources"),
    );
  }
  return errs;
}

export function validateRuleWithOperations(rule: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const operations = list(rule.operations).map(str);
  if (operations.length === 0) errs.push(required(path.child('operations')));
  if (operations.length > 1 && hasWildcard(operations)) {
    errs.push(
      invalidValue(path.child('operations'), operations, "if '*' is present, must not specify other operations"),
    );
  }
  operations.forEach((op, i) => {
    if (!OPERATIONS.includes(op)) errs.push(notSupported(path.child('operations').index(i), op, OPERATIONS));
  });
  const groups = list(rule.apiGroups).map(str);
  if (groups.length === 0) errs.push(required(path.child('apiGroups')));
  if (groups.length > 1 && hasWildcard(groups))
    errs.push(invalidValue(path.child('apiGroups'), groups, "if '*' is present, must not specify other API groups"));
  const versions = list(rule.apiVersions).map(str);
  if (versions.length === 0) errs.push(required(path.child('apiVersions')));
  if (versions.length > 1 && hasWildcard(versions)) {
    errs.push(
      invalidValue(path.child('apiVersions'), versions, "if '*' is present, must not specify other API versions"),
    );
  }
  versions.forEach((v, i) => {
    if (v === '') errs.push(required(path.child('apiVersions').index(i)));
  });
  errs.push(...validateResources(list(rule.resources).map(str), path.child('resources')));
  if (typeof rule.scope === 'string' && !SCOPES.includes(rule.scope))
    errs.push(notSupported(path.child('scope'), rule.scope, SCOPES));
  return errs;
}

function validateNamedRule(rule: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list(rule.resourceNames).forEach((n, i) => {
    const name = str(n);
    errs.push(...invalidEach(path.child('resourceNames').index(i), name, isValidPathSegmentName(name)));
    if (seen.has(name)) errs.push(duplicate(path.child('resourceNames').index(i), name));
    seen.add(name);
  });
  errs.push(...validateRuleWithOperations(rule, path));
  return errs;
}

/** MatchResources of a policy or binding (`undefined` is valid: a binding need not restrict). */
export function validateMatchResources(match: unknown, path: FieldPath): FieldError[] {
  const mc = record(match);
  if (!mc) return [];
  const errs: FieldError[] = [];
  if (typeof mc.matchPolicy !== 'string') errs.push(required(path.child('matchPolicy')));
  else if (!MATCH_POLICIES.includes(mc.matchPolicy))
    errs.push(notSupported(path.child('matchPolicy'), mc.matchPolicy, MATCH_POLICIES));
  for (const field of ['namespaceSelector', 'objectSelector']) {
    if (!record(mc[field])) errs.push(required(path.child(field)));
    else errs.push(...validateLabelSelector(mc[field], {}, path.child(field)));
  }
  for (const field of ['resourceRules', 'excludeResourceRules']) {
    records(mc[field]).forEach((rule, i) => errs.push(...validateNamedRule(rule, path.child(field).index(i))));
  }
  return errs;
}

export function validateMatchConditions(conditions: unknown, path: FieldPath): FieldError[] {
  const items = records(conditions);
  const errs: FieldError[] = [];
  if (items.length > MAX_MATCH_CONDITIONS) errs.push(tooMany(path, items.length, MAX_MATCH_CONDITIONS));
  const names = new Set<string>();
  items.forEach((condition, i) => {
    const at = path.index(i);
    if (str(condition.expression).trim() === '') errs.push(required(at.child('expression')));
    const name = str(condition.name);
    if (name === '') errs.push(required(at.child('name')));
    else errs.push(...validateQualifiedName(name, at.child('name')));
    if (name !== '') {
      if (names.has(name)) errs.push(duplicate(at.child('name'), name));
      names.add(name);
    }
  });
  return errs;
}
