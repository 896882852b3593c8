// What a whole pod requests and is limited to (pkg/api/v1/resource PodRequests / PodLimits, and LimitRanger's
// copies of them): the sum over its containers and restartable (sidecar) init containers, at least the most any
// ordinary init container needs while it runs next to the sidecars started before it, plus the pod's overhead
// where asked for (quota counts it; LimitRanger does not).

import { record, records, str } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';
import { addInto, maxInto, resourceList } from './resource-lists.ts';
import type { ResourceList } from './resource-lists.ts';

export interface PodResourceOptions {
  /** Whether spec.overhead counts: added to every request, and to the limits the pod sets. */
  overhead: boolean;
}

function containerList(container: Json, field: 'requests' | 'limits'): ResourceList {
  return resourceList(record(container.resources)?.[field]);
}

function aggregate(spec: Json, field: 'requests' | 'limits'): ResourceList {
  const total: ResourceList = new Map();
  for (const container of records(spec.containers)) addInto(total, containerList(container, field));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const container of records(spec.initContainers)) {
    const own = containerList(container, field);
    if (str(container.restartPolicy) === 'Always') {
      addInto(total, own);
      addInto(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      const running = new Map(own);
      addInto(running, sidecars);
      maxInto(initPeak, running);
    }
  }
  maxInto(total, initPeak);
  return total;
}

export function podRequests(spec: Json, options: PodResourceOptions): ResourceList {
  const requests = aggregate(spec, 'requests');
  if (options.overhead) addInto(requests, resourceList(spec.overhead));
  return requests;
}

export function podLimits(spec: Json, options: PodResourceOptions): ResourceList {
  const limits = aggregate(spec, 'limits');
  if (!options.overhead) return limits;
  for (const [name, quantity] of resourceList(spec.overhead)) {
    const limit = limits.get(name);
    if (limit) limits.set(name, limit.add(quantity));
  }
  return limits;
}
