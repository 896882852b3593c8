// The scheduler's informer handlers (eventhandlers.go): scheduled pods and nodes go into the cache, unscheduled pods
// this scheduler is responsible for go into the queue, and every change that may help a waiting pod is handed to
// the queue as a cluster event. A pod that gets bound moves from the queue's handler to the cache's, as client-go's
// FilteringResourceEventHandler moves it.

import type { KubeObject } from '../api/object.ts';
import type { EventHandlers, SharedInformer } from '../client/informer.ts';
import type { DecisionLog } from './decision-log.ts';
import type { Node, Pod } from './framework/api-types.ts';
import {
  AssignedPodAdd,
  AssignedPodDelete,
  NodeAdd,
  NodeDelete,
  nodeSchedulingPropertiesChange,
  podSchedulingPropertiesChange,
} from './framework/events.ts';
import { PodInfo } from './framework/pod-info.ts';
import type { Framework } from './framework/runtime/framework.ts';
import type { SchedulerCache } from './internal/cache/cache.ts';
import type { SchedulingQueue } from './internal/queue/scheduling-queue.ts';

export interface EventHandlerTargets {
  cache: SchedulerCache;
  queue: SchedulingQueue;
  framework: Framework;
  decisions: DecisionLog | undefined;
  now: () => number;
}

const assigned = (pod: Pod): boolean => (pod.spec?.nodeName ?? '') !== '';

/** Handlers for the objects passing `filter`, converting updates that cross the filter into adds and deletes. */
function filtering(filter: (obj: KubeObject) => boolean, handlers: Required<EventHandlers>): EventHandlers {
  return {
    onAdd: (obj) => {
      if (filter(obj)) handlers.onAdd(obj);
    },
    onUpdate: (oldObj, newObj) => {
      const older = filter(oldObj);
      const newer = filter(newObj);
      if (older && newer) handlers.onUpdate(oldObj, newObj);
      else if (newer) handlers.onAdd(newObj);
      else if (older) handlers.onDelete(oldObj);
    },
    onDelete: (obj) => {
      if (filter(obj)) handlers.onDelete(obj);
    },
  };
}

export function addAllEventHandlers(t: EventHandlerTargets, pods: SharedInformer, nodes: SharedInformer): void {
  const { cache, queue, framework } = t;
  const responsible = (pod: Pod) => (pod.spec?.schedulerName ?? '') === framework.profileName;

  pods.addEventHandler(
    filtering((obj) => assigned(obj as Pod), {
      onAdd: (obj) => {
        const pod = obj as Pod;
        // The pod this scheduler assumed lends what it parsed: a binding changes nothing the parse reads.
        const assumed = cache.isAssumedPod(pod) ? cache.getPod(pod.metadata.uid ?? '') : undefined;
        swallow(() => cache.addPod(new PodInfo(pod, assumed)));
        queue.moveAllToActiveOrBackoffQueue(AssignedPodAdd, undefined, pod);
      },
      onUpdate: (oldObj, newObj) => {
        const oldPod = oldObj as Pod;
        const newPod = newObj as Pod;
        if (oldPod.metadata.uid !== newPod.metadata.uid) {
          swallow(() => cache.removePod(oldPod));
          swallow(() => cache.addPod(new PodInfo(newPod)));
          queue.moveAllToActiveOrBackoffQueue(AssignedPodDelete, oldPod, undefined);
          queue.moveAllToActiveOrBackoffQueue(AssignedPodAdd, undefined, newPod);
          return;
        }
        const cached = cache.getPod(oldPod.metadata.uid ?? '');
        swallow(() => cache.updatePod(cached ?? new PodInfo(oldPod), new PodInfo(newPod)));
        for (const event of podSchedulingPropertiesChange(newPod, oldPod)) {
          queue.moveAllToActiveOrBackoffQueue(event, oldPod, newPod);
        }
      },
      onDelete: (obj) => {
        const pod = obj as Pod;
        swallow(() => cache.removePod(pod));
        queue.moveAllToActiveOrBackoffQueue(AssignedPodDelete, pod, undefined);
      },
    }),
  );

  pods.addEventHandler(
    filtering((obj) => !assigned(obj as Pod) && responsible(obj as Pod), {
      onAdd: (obj) => {
        queue.add(obj as Pod);
        recordGate(t, obj as Pod);
      },
      onUpdate: (oldObj, newObj) => {
        // Identical objects (a resync) must not queue the pod twice.
        if (oldObj.metadata.resourceVersion === newObj.metadata.resourceVersion) return;
        if (cache.isAssumedPod(newObj as Pod)) return;
        queue.update(oldObj as Pod, newObj as Pod);
        recordGate(t, newObj as Pod);
      },
      onDelete: (obj) => {
        const pod = obj as Pod;
        queue.delete(pod);
        // A pod held at Permit was assumed: its place is free again.
        if (framework.rejectWaitingPod(pod.metadata.uid ?? '')) {
          queue.moveAllToActiveOrBackoffQueue(AssignedPodDelete, pod, undefined);
        }
      },
    }),
  );

  nodes.addEventHandler({
    onAdd: (obj) => {
      cache.addNode(obj as Node);
      queue.moveAllToActiveOrBackoffQueue(NodeAdd, undefined, obj);
    },
    onUpdate: (oldObj, newObj) => {
      cache.updateNode(oldObj as Node, newObj as Node);
      for (const event of nodeSchedulingPropertiesChange(newObj as Node, oldObj as Node)) {
        queue.moveAllToActiveOrBackoffQueue(event, oldObj, newObj);
      }
    },
    onDelete: (obj) => {
      swallow(() => cache.removeNode(obj as Node));
      queue.moveAllToActiveOrBackoffQueue(NodeDelete, obj, undefined);
    },
  });
}

/** Notes in the decision log that a pod waits on scheduling gates. */
function recordGate(t: EventHandlerTargets, pod: Pod): void {
  const queued = t.queue.get(pod);
  if (!t.decisions || !queued?.gated) return;
  t.decisions.recordGated(
    {
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      uid: pod.metadata.uid ?? '',
      schedulerName: pod.spec.schedulerName ?? '',
    },
    queued.gatedMessage,
    t.now(),
  );
}

/** Cache inconsistencies are logged upstream and otherwise ignored; so are they here. */
function swallow(fn: () => void): void {
  try {
    fn();
  } catch {
    // Ignored, as upstream logs and carries on.
  }
}
