// Whether a request fits a namespace's ResourceQuotas (plugin/pkg/admission/resourcequota CheckRequest): the quotas
// whose hard limits and scopes cover the object must accept its usage (on update, only what it adds) on top of what
// they have used; the first that cannot refuses the request with upstream's 403 message. Returns copies of the
// quotas whose usage grew, to be written back.
//
// Unlike upstream, limits are read from spec.hard and a resource without recorded usage counts as 0, because no
// quota controller fills status in yet: until one does, status.used is exactly what admission has charged.

import type { KubeObject } from '../../../api/object.ts';
import { list, record, records, str } from '../../validation/access.ts';
import { ZERO_QUANTITY } from '../../validation/core/quantities.ts';
import type { AdmissionAttributes } from '../admission.ts';
import { admissionForbidden } from './admission-errors.ts';
import type { QuotaEvaluator, ScopeRequirement } from './quota-evaluator.ts';
import {
  addLists,
  exceededNames,
  mask,
  prettyPrint,
  removeZeros,
  resourceList,
  resourceListJson,
  sameLists,
  subtractNonNegative,
} from './resource-lists.ts';
import type { ResourceList } from './resource-lists.ts';

/** A quota's scopes (each an `Exists` requirement) followed by its scope selector's requirements. */
function scopeRequirements(quota: KubeObject): ScopeRequirement[] {
  const spec = record(quota.spec) ?? {};
  const scopes = list(spec.scopes).map((scope) => ({ scopeName: str(scope), operator: 'Exists', values: [] }));
  const selected = records(record(spec.scopeSelector)?.matchExpressions).map((requirement) => ({
    scopeName: str(requirement.scopeName),
    operator: str(requirement.operator),
    values: list(requirement.values).map(str),
  }));
  return [...scopes, ...selected];
}

const hardOf = (quota: KubeObject): ResourceList => resourceList(record(quota.spec)?.hard);

/** What a quota has used: its recorded usage, with 0 for every limited resource not recorded yet. */
function usedOf(quota: KubeObject, hard: ResourceList): ResourceList {
  const used = resourceList(record(quota.status)?.used);
  for (const name of hard.keys()) if (!used.has(name)) used.set(name, ZERO_QUANTITY);
  return used;
}

/** The quotas that cover the object; throws when one of them needs something the object does not declare. */
function coveringQuotas(quotas: readonly KubeObject[], a: AdmissionAttributes, evaluator: QuotaEvaluator) {
  const object = a.object!;
  const covering: KubeObject[] = [];
  for (const quota of quotas) {
    const restricted = evaluator.matchingResources([...hardOf(quota).keys()]);
    if (restricted.length === 0) continue;
    if (!scopeRequirements(quota).every((requirement) => evaluator.matchesScope(requirement, object))) continue;
    const problem = evaluator.constraints(restricted, object);
    if (problem) throw admissionForbidden(a, `failed quota: ${quota.metadata.name ?? ''}: ${problem}`);
    covering.push(quota);
  }
  return covering;
}

/** The usage the request adds: all of the object's on create, what grew since the stored object on update. */
function deltaUsage(a: AdmissionAttributes, evaluator: QuotaEvaluator): ResourceList {
  let delta = evaluator.usage(a.object!);
  if (a.operation === 'UPDATE' && a.oldObject?.metadata.resourceVersion) {
    delta = subtractNonNegative(delta, evaluator.usage(a.oldObject));
  }
  return removeZeros(delta);
}

export function checkQuotaRequest(
  quotas: readonly KubeObject[],
  a: AdmissionAttributes,
  evaluator: QuotaEvaluator,
): KubeObject[] {
  const covering = coveringQuotas(quotas, a, evaluator);
  if (covering.length === 0) return [];
  const delta = deltaUsage(a, evaluator);
  if (delta.size === 0) return [];

  const charged: KubeObject[] = [];
  for (const quota of covering) {
    const hard = hardOf(quota);
    const used = usedOf(quota, hard);
    const requested = mask(delta, hard.keys());
    const newUsage = addLists(used, requested);
    const exceeded = exceededNames(mask(newUsage, requested.keys()), hard);
    if (exceeded.length > 0) {
      throw admissionForbidden(
        a,
        `exceeded quota: ${quota.metadata.name ?? ''}, requested: ${prettyPrint(mask(requested, exceeded))}, ` +
          `used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
      );
    }
    if (sameLists(used, newUsage)) continue;
    const copy = structuredClone(quota);
    copy.status = { hard: resourceListJson(hard), used: resourceListJson(newUsage) };
    charged.push(copy);
  }
  return charged;
}
