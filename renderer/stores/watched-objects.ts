// The objects of one watch, kept for the stores: events are queued and applied together once per animation frame
// (a Deployment scaling to 300 pods re-renders a few times, not 900; a burst is spread over a few frames), into a
// new map that replaces the old one in a shallowRef, so nothing deep is made reactive. A restarted watch relists;
// SYNCED then drops what it did not send.

import { markRaw, ref, shallowRef } from 'vue';
import type { Ref, ShallowRef } from 'vue';
import type { KubeObjectJson } from '../../engine/protocol/host-api.ts';
import type { WatchEventType, WatchSink } from '../services/watch.ts';

/** `namespace/name`, or `name` for a cluster-scoped object. */
export function objectKey(object: KubeObjectJson): string {
  const { namespace, name } = object.metadata ?? {};
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '');
}

/** Runs `flush` soon: at the next animation frame, or after 100 ms when frames do not come (a hidden window). */
export function nextFrame(flush: () => void): void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    flush();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  setTimeout(run, 100);
}

type Queued = { type: WatchEventType; object: KubeObjectJson | undefined } | { type: 'RESTART' };

export interface WatchedObjects {
  readonly objects: ShallowRef<ReadonlyMap<string, KubeObjectJson>>;
  /** True once the initial list (of the latest restart) has arrived. */
  readonly synced: Ref<boolean>;
  readonly sink: WatchSink;
  /** Applies the queued events now (up to the limit per flush; the rest is scheduled). */
  flush(): void;
}

/** Events applied per flush at most. */
export const MAX_EVENTS_PER_FLUSH = 100;

export function watchedObjects(
  schedule: (flush: () => void) => void = nextFrame,
  maxPerFlush = MAX_EVENTS_PER_FLUSH,
): WatchedObjects {
  const objects = shallowRef<ReadonlyMap<string, KubeObjectJson>>(new Map());
  const synced = ref(false);
  let queue: Queued[] = [];
  let scheduled = false;
  /** Keys sent since a restart, until its SYNCED. */
  let relisted: Set<string> | undefined;

  function enqueue(item: Queued): void {
    queue.push(item);
    if (scheduled) return;
    scheduled = true;
    schedule(flush);
  }

  function flush(): void {
    scheduled = false;
    if (queue.length === 0) return;
    // A burst (300 pods created at once) is spread over a few frames, so no frame builds all of their views.
    const items = queue.length > maxPerFlush ? queue.splice(0, maxPerFlush) : queue;
    if (items === queue) queue = [];
    else {
      scheduled = true;
      schedule(flush);
    }
    const next = new Map(objects.value);
    let nowSynced = synced.value;
    for (const item of items) {
      if (item.type === 'RESTART') {
        relisted = new Set();
        nowSynced = false;
        continue;
      }
      if (item.type === 'SYNCED') {
        if (relisted) for (const key of next.keys()) if (!relisted.has(key)) next.delete(key);
        relisted = undefined;
        nowSynced = true;
        continue;
      }
      if (!item.object) continue;
      const key = objectKey(item.object);
      if (item.type === 'DELETED') {
        next.delete(key);
        continue;
      }
      next.set(key, markRaw(item.object));
      relisted?.add(key);
    }
    objects.value = next;
    synced.value = nowSynced;
  }

  return {
    objects,
    synced,
    flush,
    sink: {
      restart: () => enqueue({ type: 'RESTART' }),
      event: (type, object) => enqueue({ type, object }),
    },
  };
}
