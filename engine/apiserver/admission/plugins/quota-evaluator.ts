// How quota measures one kind of object (k8s.io/kubernetes/pkg/quota/v1 Evaluator): which operations can change
// its usage, which quota resource names it charges, whether it falls under a quota's scopes, what it must declare
// to be charged at all, and its usage. Also the evaluator every kind without a special one gets: an object count.

import type { KubeObject } from '../../../api/object.ts';
import { Quantity } from '../../../api/quantity.ts';
import type { AdmissionOperation } from '../admission.ts';
import type { ResourceList } from './resource-lists.ts';

/** A quota scope as a selector requirement (spec.scopes are `Exists` requirements). */
export interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values: string[];
}

export interface QuotaEvaluator {
  /** Whether an operation can change the usage of this kind. */
  handles(operation: AdmissionOperation): boolean;
  /** The names among `names` (a quota's hard limits) this kind is charged for. */
  matchingResources(names: readonly string[]): string[];
  /** Whether the object falls under one scope requirement of a quota. */
  matchesScope(requirement: ScopeRequirement, object: KubeObject): boolean;
  /** Why the object cannot be charged to a quota limiting `required` names, or undefined when it can. */
  constraints(required: readonly string[], object: KubeObject): string | undefined;
  /** What the object uses. */
  usage(object: KubeObject): ResourceList;
}

export const ONE = Quantity.parse('1');

/** `count/<resource>` for the core group, `count/<resource>.<group>` for the others. */
export function objectCountName(group: string, resource: string): string {
  return group === '' ? `count/${resource}` : `count/${resource}.${group}`;
}

/** quota.Intersection: the names of `input` that are in `names`, once each, sorted. */
export function intersection(input: readonly string[], names: readonly string[]): string[] {
  return [...new Set(input.filter((name) => names.includes(name)))].sort();
}

/**
 * The object count evaluator (pkg/quota/v1/generic): each create uses one `count/<resource>[.<group>]`, and one
 * of the legacy alias (`configmaps`, `secrets`…) where the kind has one. Scoped quotas never count these objects.
 */
export function objectCountEvaluator(group: string, resource: string, alias?: string): QuotaEvaluator {
  const names = alias ? [objectCountName(group, resource), alias] : [objectCountName(group, resource)];
  return {
    handles: (operation) => operation === 'CREATE',
    matchingResources: (input) => intersection(input, names),
    matchesScope: () => false,
    constraints: () => undefined,
    usage: () => new Map(names.map((name) => [name, ONE])),
  };
}
