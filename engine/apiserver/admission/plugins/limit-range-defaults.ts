// LimitRange defaults for a pod (plugin/pkg/admission/limitranger PodMutateLimitFunc): each container and init
// container gets the `default` limits and `defaultRequest` requests of the range's Container items for resources it
// does not set, and the pod records what was set in the `kubernetes.io/limit-ranger` annotation.

import type { KubeObject } from '../../../api/object.ts';
import { ensureRecord, record, records, str } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';
import { resourceList } from './resource-lists.ts';
import type { ResourceList } from './resource-lists.ts';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

interface DefaultRequirements {
  requests: ResourceList;
  limits: ResourceList;
}

/** The defaults of a range's Container items (later items win). */
function defaultRequirements(limitRange: KubeObject): DefaultRequirements {
  const requirements: DefaultRequirements = { requests: new Map(), limits: new Map() };
  for (const item of records(record(limitRange.spec)?.limits)) {
    if (str(item.type) !== 'Container') continue;
    for (const [name, quantity] of resourceList(item.defaultRequest)) requirements.requests.set(name, quantity);
    for (const [name, quantity] of resourceList(item.default)) requirements.limits.set(name, quantity);
  }
  return requirements;
}

/** Sets the defaults a container lacks; returns the names set, sorted, for requests and for limits. */
function mergeContainer(container: Json, defaults: DefaultRequirements): { requests: string[]; limits: string[] } {
  const resources = ensureRecord(container, 'resources');
  const set = (field: 'requests' | 'limits', values: ResourceList): string[] => {
    const names: string[] = [];
    for (const [name, quantity] of values) {
      const current = record(resources[field]);
      if (current?.[name] !== undefined) continue;
      ensureRecord(resources, field)[name] = quantity.toString();
      names.push(name);
    }
    return names.sort();
  };
  return { limits: set('limits', defaults.limits), requests: set('requests', defaults.requests) };
}

/** Applies one LimitRange's defaults to a pod (mergePodResourceRequirements). */
export function applyLimitRangeDefaults(pod: KubeObject, limitRange: KubeObject): void {
  const defaults = defaultRequirements(limitRange);
  const spec = record(pod.spec) ?? {};
  const notes: string[] = [];
  for (const [containers, what] of [
    ['containers', 'container'],
    ['initContainers', 'init container'],
  ] as const) {
    for (const container of records(spec[containers])) {
      const { requests, limits } = mergeContainer(container, defaults);
      const name = str(container.name);
      if (requests.length > 0) notes.push(`${requests.join(', ')} request for ${what} ${name}`);
      if (limits.length > 0) notes.push(`${limits.join(', ')} limit for ${what} ${name}`);
    }
  }
  if (notes.length === 0) return;
  pod.metadata.annotations = {
    ...pod.metadata.annotations,
    [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}`,
  };
}
