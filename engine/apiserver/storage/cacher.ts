// The watch cache of one resource (k8s.io/apiserver/pkg/storage/cacher): it lists the resource's keys once, then
// follows the store's watch, keeping every object decoded in memory and a window of recent events. API watches are
// served from it (one store watch per resource, however many clients watch), and so are unpaginated lists. A cache
// of size 0 is disabled, as kube-apiserver's is for events: reads go to the store and each watch is a store watch.

import type { KubeObject } from '../../api/object.ts';
import type { KV, WatchEvent, Watcher } from '../../store/kv.ts';
import { prefixEnd } from '../../store/kv.ts';
import { decodeObject } from './codec.ts';
import { SharedFieldSets } from './shared-field-sets.ts';
import { StorageError } from './storage-error.ts';
import { watchStore } from './store-watch.ts';
import { WatchStream } from './watch-stream.ts';
import type { ApiWatchEvent } from './watch-stream.ts';

export type ObjectPredicate = (obj: KubeObject) => boolean;

/** Fields the cache indexes (pods by spec.nodeName), so watches and lists for one value skip everything else. */
export type CacheIndexes = Record<string, (obj: KubeObject) => string>;

/** A selection that requires `field` to equal `value` exactly, on an indexed field. */
export interface IndexHint {
  field: string;
  value: string;
}

interface CacheEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  key: string;
  /** The new state; for DELETED, the last state stamped with the deleting revision. */
  object: KubeObject;
  prevObject?: KubeObject;
  revision: number;
}

export interface CacheWatchOptions {
  /** Only keys starting with this (the resource prefix, or one namespace below it). */
  keyPrefix: string;
  predicate?: ObjectPredicate;
  /** The predicate requires an indexed field to have this value: only changes touching it are considered. */
  index?: IndexHint;
  /** Deliver events after this revision; undefined: first the current state as ADDED events, then changes. */
  sinceRevision?: number;
  /** After the initial state, send a BOOKMARK marked `k8s.io/initial-events-end` (for sendInitialEvents). */
  initialEventsEndBookmark?: boolean;
  /** Send periodic BOOKMARK events carrying the cache's revision. */
  bookmarks?: boolean;
  /** Builds the object of a BOOKMARK event (kind and apiVersion of the resource, the revision). */
  bookmarkObject: (resourceVersion: string, annotations?: Record<string, string>) => KubeObject;
}

interface CacheWatcher {
  options: CacheWatchOptions;
  stream: WatchStream;
}

const DEFAULT_CAPACITY = 10_000;
/** Resources without a watch cache by default (kube-apiserver's DefaultWatchCacheSizes): events, by the hundred thousand. */
const UNCACHED_PREFIXES = new Set(['/registry/events/']);
const FRESHNESS_WAIT_MS = 3_000;
const BOOKMARK_INTERVAL_MS = 60_000;

function stampRevision(obj: KubeObject, revision: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } };
}

export class Cacher {
  private readonly objects = new Map<string, KubeObject>();
  /** The keys in order, for lists; rebuilt lazily once writes have put it out of order (see keys()). */
  private sortedKeys: string[] = [];
  private keysSorted = true;
  private readonly buffer: CacheEvent[] = [];
  private bufferHead = 0;
  /** Every event after this revision is still in the buffer. */
  private bufferStartRevision = 0;
  private revision = 0;
  private readonly watchers = new Set<CacheWatcher>();
  /** Watchers selecting one value of an indexed field: field → value → watchers. */
  private readonly indexedWatchers = new Map<string, Map<string, Set<CacheWatcher>>>();
  /** Keys by the value of each indexed field: field → value → keys. */
  private readonly indexedKeys = new Map<string, Map<string, Set<string>>>();
  private freshnessWaiters: { revision: number; resolve: () => void }[] = [];
  private storeWatch: Watcher | undefined;
  private bookmarkTimer: ReturnType<typeof setInterval> | undefined;
  private started: Promise<void> | undefined;
  private stopped = false;
  /** The watches of a disabled cache, each on the store. */
  private readonly storeWatches = new Set<WatchStream>();
  private readonly fieldSets = new SharedFieldSets();

  constructor(
    private readonly kv: KV,
    /** The resource's key prefix, with a trailing slash. */
    readonly prefix: string,
    /** Events kept for watches resuming from a revision; 0 disables the cache. */
    private readonly capacity = UNCACHED_PREFIXES.has(prefix) ? 0 : DEFAULT_CAPACITY,
    private readonly indexFunctions: CacheIndexes = {},
  ) {
    for (const field of Object.keys(indexFunctions)) {
      this.indexedWatchers.set(field, new Map());
      this.indexedKeys.set(field, new Map());
    }
  }

  /** Whether the cache indexes a field (and so can use an IndexHint for it). */
  indexes(field: string): boolean {
    return field in this.indexFunctions;
  }

  /** False for a disabled cache: gets and lists must then read the store, and get() and list() hold nothing. */
  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** Lists the resource and starts following it; resolves when the cache holds a complete state. */
  start(): Promise<void> {
    this.started ??= this.enabled ? this.resync() : Promise.resolve();
    return this.started;
  }

  stop(): void {
    this.stopped = true;
    for (const stream of [...this.storeWatches]) stream.close();
    this.storeWatch?.cancel();
    if (this.bookmarkTimer) clearInterval(this.bookmarkTimer);
    for (const watcher of this.allWatchers()) watcher.stream.close();
    this.watchers.clear();
    for (const byValue of this.indexedWatchers.values()) byValue.clear();
  }

  get currentRevision(): number {
    return this.revision;
  }

  /** Whether the store can tell this cache when it has caught up (so consistent reads may be served from it). */
  get canConfirmFreshness(): boolean {
    return typeof this.storeWatch?.requestProgress === 'function';
  }

  get size(): number {
    return this.objects.size;
  }

  /** Waits until the cache has seen everything up to `revision` (e.g. the store's current revision). */
  async waitUntilFresh(revision: number, timeoutMs = FRESHNESS_WAIT_MS): Promise<void> {
    await this.start();
    if (this.revision >= revision) return;
    this.storeWatch?.requestProgress?.();
    await new Promise<void>((resolve, reject) => {
      const waiter = { revision, resolve };
      this.freshnessWaiters.push(waiter);
      const timer = setTimeout(() => {
        this.freshnessWaiters = this.freshnessWaiters.filter((w) => w !== waiter);
        reject(
          new StorageError(
            'ResourceVersionTooLarge',
            this.prefix,
            `Too large resource version: ${revision}, current: ${this.revision}`,
          ),
        );
      }, timeoutMs);
      waiter.resolve = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  /** Objects under keyPrefix that pass the predicate, in key order, with the revision they reflect. */
  list(keyPrefix: string, predicate?: ObjectPredicate, index?: IndexHint): { items: KubeObject[]; revision: number } {
    const items: KubeObject[] = [];
    const indexed = index && this.indexedKeys.get(index.field);
    if (indexed) {
      const keys = [...(indexed.get(index.value) ?? [])].filter((k) => k.startsWith(keyPrefix)).sort();
      for (const key of keys) {
        const obj = this.objects.get(key)!;
        if (!predicate || predicate(obj)) items.push(obj);
      }
      return { items, revision: this.revision };
    }
    const end = prefixEnd(keyPrefix);
    const sorted = this.keys();
    for (let i = this.lowerBound(keyPrefix); i < sorted.length; i++) {
      const key = sorted[i]!;
      if (key >= end) break;
      const obj = this.objects.get(key)!;
      if (!predicate || predicate(obj)) items.push(obj);
    }
    return { items, revision: this.revision };
  }

  /**
   * Opens a watch. With sinceRevision older than the retained window the watch fails with Expired; newer than the
   * cache, it waits for the cache to catch up.
   */
  async watch(options: CacheWatchOptions): Promise<WatchStream> {
    if (!this.enabled) return watchStore(this.kv, options, this.storeWatches);
    await this.start();
    if (options.sinceRevision !== undefined && options.sinceRevision > this.revision) {
      await this.waitUntilFresh(options.sinceRevision);
    }
    const since = options.sinceRevision;
    if (since !== undefined && since < this.bufferStartRevision) {
      throw new StorageError(
        'Expired',
        this.prefix,
        `too old resource version: ${since} (${this.bufferStartRevision + 1})`,
      );
    }
    const stream = new WatchStream();
    const watcher: CacheWatcher = { options, stream };
    if (since === undefined) {
      for (const obj of this.list(options.keyPrefix, options.predicate, options.index).items) {
        stream.push({ type: 'ADDED', object: obj });
      }
      if (options.initialEventsEndBookmark) {
        stream.push({
          type: 'BOOKMARK',
          object: options.bookmarkObject(String(this.revision), { 'k8s.io/initial-events-end': 'true' }),
        });
      }
    } else {
      for (let i = this.bufferHead; i < this.buffer.length; i++) {
        const event = this.buffer[i]!;
        if (event.revision > since) this.deliver(watcher, event);
      }
    }
    const bucket = this.watcherBucket(options.index);
    bucket.add(watcher);
    stream.onClose(() => bucket.delete(watcher));
    return stream;
  }

  private async resync(): Promise<void> {
    const result = await this.kv.range(this.prefix, { end: prefixEnd(this.prefix) });
    this.objects.clear();
    // The store answers a range in key order.
    this.sortedKeys = [];
    this.keysSorted = true;
    for (const byValue of this.indexedKeys.values()) byValue.clear();
    for (const kv of result.kvs) {
      const obj = this.fieldSets.share(decodeObject(kv.value, kv.modRevision));
      this.objects.set(kv.key, obj);
      this.sortedKeys.push(kv.key);
      this.indexKey(kv.key, obj);
    }
    this.revision = result.revision;
    this.bufferStartRevision = result.revision;
    this.buffer.length = 0;
    this.bufferHead = 0;
    this.storeWatch = this.kv.watch(
      this.prefix,
      { end: prefixEnd(this.prefix), startRevision: result.revision + 1, progressNotify: true },
      {
        onEvents: (events, revision) => this.onStoreEvents(events, revision),
        onError: (error) => this.onStoreError(error),
      },
    );
    this.bookmarkTimer ??= setInterval(() => this.sendBookmarks(), BOOKMARK_INTERVAL_MS);
    this.bookmarkTimer.unref?.();
  }

  private onStoreEvents(events: WatchEvent[], revision: number): void {
    for (const event of events) this.apply(event);
    if (revision > this.revision) this.revision = revision;
    if (this.freshnessWaiters.length) {
      const ready = this.freshnessWaiters.filter((w) => w.revision <= this.revision);
      this.freshnessWaiters = this.freshnessWaiters.filter((w) => w.revision > this.revision);
      for (const waiter of ready) waiter.resolve();
    }
  }

  /** The store watch failed (e.g. history compacted under a lagging cache): start over from a fresh list. */
  private onStoreError(_error: Error): void {
    if (this.stopped) return;
    this.storeWatch?.cancel();
    for (const watcher of this.allWatchers()) watcher.stream.close('watch cache restarted');
    this.watchers.clear();
    for (const byValue of this.indexedWatchers.values()) byValue.clear();
    this.started = this.resync();
  }

  private apply(event: WatchEvent): void {
    const key = event.kv.key;
    const revision = event.kv.modRevision;
    const prevObject = this.objects.get(key);
    let cacheEvent: CacheEvent;
    if (event.type === 'put') {
      const object = this.fieldSets.share(decodeObject(event.kv.value, revision));
      if (!prevObject) this.insertKey(key);
      else this.unindexKey(key, prevObject);
      this.objects.set(key, object);
      this.indexKey(key, object);
      cacheEvent = { type: prevObject ? 'MODIFIED' : 'ADDED', key, object, prevObject, revision };
    } else {
      if (!prevObject) return;
      this.objects.delete(key);
      this.removeKey(key);
      this.unindexKey(key, prevObject);
      cacheEvent = { type: 'DELETED', key, object: stampRevision(prevObject, revision), prevObject, revision };
    }
    this.remember(cacheEvent);
    for (const watcher of this.watchers) this.deliver(watcher, cacheEvent);
    for (const [field, byValue] of this.indexedWatchers) {
      if (byValue.size === 0) continue;
      const read = this.indexFunctions[field]!;
      const now = read(cacheEvent.object);
      const before = cacheEvent.prevObject ? read(cacheEvent.prevObject) : undefined;
      for (const watcher of byValue.get(now) ?? []) this.deliver(watcher, cacheEvent);
      if (before !== undefined && before !== now) {
        for (const watcher of byValue.get(before) ?? []) this.deliver(watcher, cacheEvent);
      }
    }
  }

  private allWatchers(): CacheWatcher[] {
    const all = [...this.watchers];
    for (const byValue of this.indexedWatchers.values()) for (const set of byValue.values()) all.push(...set);
    return all;
  }

  /** Where a watcher is kept: under its index value when it has a usable hint, else with the rest. */
  private watcherBucket(index: IndexHint | undefined): Set<CacheWatcher> {
    const byValue = index && this.indexedWatchers.get(index.field);
    if (!byValue || !index) return this.watchers;
    let set = byValue.get(index.value);
    if (!set) byValue.set(index.value, (set = new Set()));
    return set;
  }

  private indexKey(key: string, obj: KubeObject): void {
    for (const [field, byValue] of this.indexedKeys) {
      const value = this.indexFunctions[field]!(obj);
      let keys = byValue.get(value);
      if (!keys) byValue.set(value, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindexKey(key: string, obj: KubeObject): void {
    for (const [field, byValue] of this.indexedKeys) {
      const value = this.indexFunctions[field]!(obj);
      const keys = byValue.get(value);
      keys?.delete(key);
      if (keys?.size === 0) byValue.delete(value);
    }
  }

  private remember(event: CacheEvent): void {
    this.buffer.push(event);
    if (this.buffer.length - this.bufferHead > this.capacity) {
      this.bufferStartRevision = this.buffer[this.bufferHead]!.revision;
      this.bufferHead++;
      if (this.bufferHead > this.capacity) {
        this.buffer.splice(0, this.bufferHead);
        this.bufferHead = 0;
      }
    }
  }

  /** Sends one change to one watcher, as the change looks through the watcher's selectors. */
  private deliver(watcher: CacheWatcher, event: CacheEvent): void {
    const { keyPrefix, predicate } = watcher.options;
    if (!event.key.startsWith(keyPrefix)) return;
    let out: ApiWatchEvent | undefined;
    if (!predicate) {
      out = { type: event.type, object: event.object };
    } else if (event.type === 'DELETED') {
      if (predicate(event.prevObject!)) out = { type: 'DELETED', object: event.object };
    } else {
      const now = predicate(event.object);
      const before = event.prevObject !== undefined && predicate(event.prevObject);
      if (now && before) out = { type: 'MODIFIED', object: event.object };
      else if (now) out = { type: 'ADDED', object: event.object };
      else if (before) out = { type: 'DELETED', object: stampRevision(event.prevObject!, event.revision) };
    }
    if (out) watcher.stream.push(out);
  }

  private sendBookmarks(): void {
    for (const watcher of this.allWatchers()) {
      if (watcher.options.bookmarks) {
        watcher.stream.push({ type: 'BOOKMARK', object: watcher.options.bookmarkObject(String(this.revision)) });
      }
    }
  }

  /**
   * The keys in order. Writes only mark the order stale (inserting into a sorted array on every create, e.g. each new
   * Event, costs time proportional to the cache); the next list sorts once.
   */
  private keys(): string[] {
    if (!this.keysSorted) {
      this.sortedKeys = [...this.objects.keys()].sort();
      this.keysSorted = true;
    }
    return this.sortedKeys;
  }

  private lowerBound(key: string): number {
    const sorted = this.keys();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertKey(key: string): void {
    const last = this.sortedKeys[this.sortedKeys.length - 1];
    if (this.keysSorted && (last === undefined || key > last)) this.sortedKeys.push(key);
    else this.keysSorted = false;
  }

  private removeKey(key: string): void {
    if (this.sortedKeys[this.sortedKeys.length - 1] === key) this.sortedKeys.pop();
    else this.keysSorted = false;
  }
}
