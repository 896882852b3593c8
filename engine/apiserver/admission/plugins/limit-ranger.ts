// LimitRanger admission (plugin/pkg/admission/limitranger): the LimitRanges of a namespace give new pods' containers
// default requests and limits, then bound them: per container, per pod (sums over its containers), and per claim
// (storage requests). The first range a pod or claim breaks refuses it with every bound it breaks. Pod updates are
// left alone (their containers cannot change), and so are objects already being deleted.

import type { KubeObject } from '../../../api/object.ts';
import type { Quantity } from '../../../api/quantity.ts';
import { record, records, str } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';
import { admissionForbidden, aggregateMessage } from './admission-errors.ts';
import {
  limitRequestRatioConstraint,
  maxConstraint,
  maxRequestConstraint,
  minConstraint,
} from './limit-range-constraints.ts';
import { applyLimitRangeDefaults } from './limit-range-defaults.ts';
import type { ListNamespacedObjects } from './lookups.ts';
import { podLimits, podRequests } from './pod-resources.ts';
import { resourceList, sortedNames } from './resource-lists.ts';
import type { ResourceList } from './resource-lists.ts';

type Bound = (
  limitType: string,
  resource: string,
  enforced: Quantity,
  requests: ResourceList,
  limits: ResourceList,
) => string | undefined;

/** Every bound of one item over one request and limit list: min, then max, then the ratio, names sorted. */
function checkItem(item: Json, requests: ResourceList, limits: ResourceList, errors: string[]): void {
  const limitType = str(item.type);
  for (const [field, bound] of [
    ['min', minConstraint],
    ['max', maxConstraint],
    ['maxLimitRequestRatio', limitRequestRatioConstraint],
  ] as [string, Bound][]) {
    const enforced = resourceList(item[field]);
    for (const name of sortedNames(enforced)) {
      const problem = bound(limitType, name, enforced.get(name)!, requests, limits);
      if (problem) errors.push(problem);
    }
  }
}

function containerLists(container: Json): [ResourceList, ResourceList] {
  const resources = record(container.resources);
  return [resourceList(resources?.requests), resourceList(resources?.limits)];
}

/** PodValidateLimitFunc: Container items bound each container and init container, Pod items the pod's sums. */
function podProblems(limitRange: KubeObject, pod: KubeObject): string[] {
  const spec = record(pod.spec) ?? {};
  const errors: string[] = [];
  for (const item of records(record(limitRange.spec)?.limits)) {
    const type = str(item.type);
    if (type === 'Container') {
      for (const container of [...records(spec.containers), ...records(spec.initContainers)]) {
        checkItem(item, ...containerLists(container), errors);
      }
    } else if (type === 'Pod') {
      checkItem(item, podRequests(spec, { overhead: false }), podLimits(spec, { overhead: false }), errors);
    }
  }
  return errors;
}

/** PersistentVolumeClaimValidateLimitFunc: min and max of the storage a claim requests. */
function claimProblems(limitRange: KubeObject, claim: KubeObject): string[] {
  const requests = resourceList(record(record(claim.spec)?.resources)?.requests);
  const errors: string[] = [];
  for (const item of records(record(limitRange.spec)?.limits)) {
    const limitType = str(item.type);
    if (limitType !== 'PersistentVolumeClaim') continue;
    const min = resourceList(item.min);
    for (const name of sortedNames(min)) {
      const problem = minConstraint(limitType, name, min.get(name)!, requests, new Map());
      if (problem) errors.push(problem);
    }
    const max = resourceList(item.max);
    for (const name of sortedNames(max)) {
      const problem = maxRequestConstraint(limitType, name, max.get(name)!, requests);
      if (problem) errors.push(problem);
    }
  }
  return errors;
}

export class LimitRanger implements AdmissionPlugin {
  readonly name = 'LimitRanger';

  constructor(private readonly listLimitRanges: ListNamespacedObjects) {}

  async admit(a: AdmissionAttributes): Promise<void> {
    const object = a.object;
    if (!object || !handles(a) || a.kind !== 'Pod') return;
    for (const limitRange of await this.listLimitRanges(a.namespace)) applyLimitRangeDefaults(object, limitRange);
  }

  async validate(a: AdmissionAttributes): Promise<void> {
    const object = a.object;
    if (!object || !handles(a)) return;
    for (const limitRange of await this.listLimitRanges(a.namespace)) {
      const errors = a.kind === 'Pod' ? podProblems(limitRange, object) : claimProblems(limitRange, object);
      if (errors.length > 0) throw admissionForbidden(a, aggregateMessage(errors));
    }
  }
}

/** Creates of pods, creates and updates of claims, never sub-resources or objects being deleted. */
function handles(a: AdmissionAttributes): boolean {
  if (a.subresource !== '' || a.group !== '') return false;
  if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return false;
  if (a.oldObject?.metadata.deletionTimestamp) return false;
  if (a.kind === 'Pod') return a.operation === 'CREATE';
  return a.kind === 'PersistentVolumeClaim';
}
