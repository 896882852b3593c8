// A watch served straight from the store, for resources without a watch cache (events, as kube-apiserver's
// DefaultWatchCacheSizes disables it for them): each API watch is its own store watch, its events decoded for it and
// seen through its selectors — the current state first as ADDED events when it starts from no revision.

import { CompactedError, prefixEnd } from '../../store/kv.ts';
import type { KV, KeyValue, WatchEvent } from '../../store/kv.ts';
import type { CacheWatchOptions } from './cacher.ts';
import { decodeObject } from './codec.ts';
import { StorageError } from './storage-error.ts';
import { WatchStream } from './watch-stream.ts';
import type { ApiWatchEvent } from './watch-stream.ts';

/** The event a watcher with `options` gets for one store event, if its selectors let any through. */
function translate(event: WatchEvent, options: CacheWatchOptions): ApiWatchEvent | undefined {
  const predicate = options.predicate ?? (() => true);
  const revision = event.kv.modRevision;
  const before = event.prevKv && decodeObject(event.prevKv.value, event.prevKv.modRevision);
  if (event.type === 'delete') {
    if (!before || !predicate(before)) return undefined;
    before.metadata.resourceVersion = String(revision);
    return { type: 'DELETED', object: before };
  }
  const object = decodeObject(event.kv.value, revision);
  const now = predicate(object);
  const was = before !== undefined && predicate(before);
  if (now) return { type: was ? 'MODIFIED' : 'ADDED', object };
  if (!was) return undefined;
  before.metadata.resourceVersion = String(revision);
  return { type: 'DELETED', object: before };
}

/**
 * Opens a watch on the store under `options.keyPrefix`. With sinceRevision compacted away it fails with Expired;
 * without one it starts with the current state. `streams` holds the open ones (so their owner can close them all).
 */
export async function watchStore(kv: KV, options: CacheWatchOptions, streams: Set<WatchStream>): Promise<WatchStream> {
  const end = prefixEnd(options.keyPrefix);
  const stream = new WatchStream();
  let startRevision: number;
  try {
    if (options.sinceRevision === undefined) {
      const current = await kv.range(options.keyPrefix, { end });
      for (const item of current.kvs as KeyValue[]) {
        const object = decodeObject(item.value, item.modRevision);
        if (!options.predicate || options.predicate(object)) stream.push({ type: 'ADDED', object });
      }
      if (options.initialEventsEndBookmark) {
        const annotations = { 'k8s.io/initial-events-end': 'true' };
        stream.push({ type: 'BOOKMARK', object: options.bookmarkObject(String(current.revision), annotations) });
      }
      startRevision = current.revision + 1;
    } else {
      const { compactRevision } = await kv.status();
      if (options.sinceRevision + 1 < compactRevision) {
        const message = `too old resource version: ${options.sinceRevision} (${compactRevision})`;
        throw new StorageError('Expired', options.keyPrefix, message);
      }
      startRevision = options.sinceRevision + 1;
    }
  } catch (error) {
    if (error instanceof CompactedError) throw new StorageError('Expired', options.keyPrefix, error.message);
    throw error;
  }
  const watcher = kv.watch(
    options.keyPrefix,
    { end, startRevision, prevKv: true, progressNotify: options.bookmarks },
    {
      onEvents: (events, revision) => {
        if (events.length === 0 && options.bookmarks) {
          stream.push({ type: 'BOOKMARK', object: options.bookmarkObject(String(revision)) });
        }
        for (const event of events) {
          const out = translate(event, options);
          if (out) stream.push(out);
        }
      },
      onError: (error) => stream.close(error.message),
    },
  );
  streams.add(stream);
  stream.onClose(() => {
    streams.delete(stream);
    watcher.cancel();
  });
  return stream;
}
