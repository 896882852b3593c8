// PrioritySort (plugins/queuesort): the active queue pops higher-priority pods first, and among equals the one
// queued earliest.

import type { QueueSortPlugin } from '../../framework/interface.ts';
import type { QueuedPodInfo } from '../../framework/queued-pod-info.ts';
import * as names from '../names.ts';

export const Name = names.PrioritySort;

export class PrioritySortPlugin implements QueueSortPlugin {
  readonly name = Name;

  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const p1 = a.podInfo.priority;
    const p2 = b.podInfo.priority;
    return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
  }
}

export function newPrioritySort(): PrioritySortPlugin {
  return new PrioritySortPlugin();
}
