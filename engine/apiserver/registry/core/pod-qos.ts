// A pod's quality-of-service class (pkg/apis/core/helper/qos ComputePodQOS): Guaranteed when every container sets
// equal cpu and memory requests and limits, BestEffort when none sets any, Burstable otherwise.

import type { Quantity } from '../../../api/quantity.ts';
import { record, records } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';
import { tryQuantity } from '../../validation/core/quantities.ts';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

function addInto(sums: Map<string, Quantity>, list: unknown, found?: Set<string>): void {
  const map = record(list) ?? {};
  for (const name of QOS_RESOURCES) {
    const q = tryQuantity(map[name]);
    if (!q || q.isZero()) continue;
    const sum = sums.get(name);
    sums.set(name, sum ? sum.add(q) : q);
    found?.add(name);
  }
}

export function computePodQOS(spec: Json): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const ctr of [...records(spec.initContainers), ...records(spec.containers)]) {
    const resources = record(ctr.resources) ?? {};
    addInto(requests, resources.requests);
    const found = new Set<string>();
    addInto(limits, resources.limits, found);
    if (!QOS_RESOURCES.every((name) => found.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (!limit || limit.cmp(request) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
