// A resource's objects, kept current by a watch: `openWatch` for a watch the caller stops, `useWatch` for one that
// stops with the component or store (effect scope) that made it. Resources without the watch verb are listed once.

import { getCurrentScope, onScopeDispose, ref as vueRef } from 'vue';
import type { Ref } from 'vue';
import type { ResourceRef } from '../../engine/protocol/host-api.ts';
import { hostErrorOf } from '../services/host-client.ts';
import { host, hostStreams } from '../services/host.ts';
import { watchResource } from '../services/watch.ts';
import type { WatchedObjects } from '../stores/watched-objects.ts';
import { watchedObjects } from '../stores/watched-objects.ts';

export interface OpenWatch extends WatchedObjects {
  /** The last failure of the watch or list, '' when none. */
  readonly error: Ref<string>;
  stop(): void;
}

export function openWatch(ref: ResourceRef, options: { namespace?: string; watchable?: boolean } = {}): OpenWatch {
  const watched = watchedObjects();
  const error = vueRef('');
  const params = { ref, ...(options.namespace ? { namespace: options.namespace } : {}) };
  let stop: () => void;
  if (options.watchable === false) {
    let stopped = false;
    host()
      .call('objects.list', params)
      .then(({ items }) => {
        if (stopped) return;
        for (const item of items) watched.sink.event('ADDED', item);
        watched.sink.event('SYNCED', undefined);
      })
      .catch((failure: unknown) => (error.value = hostErrorOf(failure).message));
    stop = () => (stopped = true);
  } else {
    stop = watchResource(host(), hostStreams(), params, {
      ...watched.sink,
      event(type, object) {
        if (type === 'SYNCED') error.value = '';
        watched.sink.event(type, object);
      },
      error: (e) => (error.value = e.message),
    });
  }
  return { ...watched, error, stop };
}

export function useWatch(ref: ResourceRef, options: { namespace?: string; watchable?: boolean } = {}): OpenWatch {
  const watch = openWatch(ref, options);
  if (getCurrentScope()) onScopeDispose(watch.stop);
  return watch;
}
