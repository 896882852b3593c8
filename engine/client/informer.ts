// A shared informer, as client-go's: a reflector lists a resource, then watches it from the list's resourceVersion,
// keeping an Indexer in step and telling handlers about every add, update and delete. When the watch ends it
// re-watches from the last version seen; when that version has expired (410) it lists again.

import type { GroupVersionResource, KubeObject } from '../api/object.ts';
import { isStatusError } from '../apiserver/errors/status-error.ts';
import type { Status } from '../apiserver/errors/status-error.ts';
import type { WatchStream } from '../apiserver/storage/watch-stream.ts';
import type { Clock, Timer } from '../lab/clock.ts';
import type { InProcessClient } from './in-process-client.ts';
import type { IndexFunction } from './indexer.ts';
import { Indexer, NAMESPACE_INDEX, namespaceIndex, objectKeyOf } from './indexer.ts';
import { Lister } from './lister.ts';

export interface EventHandlers {
  onAdd?(obj: KubeObject): void;
  onUpdate?(oldObj: KubeObject, newObj: KubeObject): void;
  /** The last known state of a deleted object. */
  onDelete?(obj: KubeObject): void;
}

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  indexers?: Record<string, IndexFunction>;
  /** Replay every cached object to onUpdate this often (virtual ms); 0 or absent: never. */
  resyncPeriodMs?: number;
}

const RETRY_DELAY_MS = 1000;

export class SharedInformer {
  readonly indexer: Indexer;
  readonly lister: Lister;
  private readonly handlers: EventHandlers[] = [];
  private resourceVersion = '';
  private watch: WatchStream | undefined;
  private running = false;
  private synced = false;
  private syncWaiters: (() => void)[] = [];
  private resyncTimer: Timer | undefined;
  private retryTimer: Timer | undefined;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    readonly gvr: GroupVersionResource,
    private readonly options: InformerOptions = {},
  ) {
    this.indexer = new Indexer({ [NAMESPACE_INDEX]: namespaceIndex, ...options.indexers });
    this.lister = new Lister(this.indexer);
  }

  addEventHandler(handlers: EventHandlers): void {
    this.handlers.push(handlers);
    if (this.synced) for (const obj of this.indexer.list()) handlers.onAdd?.(obj);
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves once the first list has been loaded into the cache. */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listAndWatch();
    if (this.options.resyncPeriodMs) {
      this.resyncTimer = this.clock.setInterval(() => this.resync(), this.options.resyncPeriodMs);
    }
  }

  stop(): void {
    this.running = false;
    this.watch?.close();
    this.resyncTimer?.cancel();
    this.retryTimer?.cancel();
  }

  private query(): Record<string, string | undefined> {
    return { labelSelector: this.options.labelSelector, fieldSelector: this.options.fieldSelector };
  }

  private async listAndWatch(): Promise<void> {
    if (!this.running) return;
    try {
      const list = await this.client.list(this.gvr, this.options.namespace ?? '', {
        ...this.query(),
        resourceVersion: '0',
      });
      this.replace(list.items);
      this.resourceVersion = list.metadata.resourceVersion ?? '';
      if (!this.synced) {
        this.synced = true;
        for (const resolve of this.syncWaiters.splice(0)) resolve();
      }
      await this.watchFrom();
    } catch {
      this.retryLater(() => this.listAndWatch());
    }
  }

  private async watchFrom(): Promise<void> {
    if (!this.running) return;
    let stream: WatchStream;
    try {
      stream = await this.client.watch(this.gvr, this.options.namespace ?? '', {
        ...this.query(),
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
      });
    } catch (error) {
      if (isStatusError(error, 'Expired') || isStatusError(error, 'Gone')) void this.listAndWatch();
      else this.retryLater(() => this.watchFrom());
      return;
    }
    if (!this.running) {
      // Stopped while the watch was being opened.
      stream.close();
      return;
    }
    this.watch = stream;
    let expired = false;
    stream.attach({
      event: (event) => {
        if (event.type === 'ERROR') {
          const status = event.object as Status;
          expired = status.code === 410;
          stream.close();
          return;
        }
        const obj = event.object as KubeObject;
        if (obj.metadata.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
        if (event.type === 'ADDED' || event.type === 'MODIFIED') this.upsert(obj);
        else if (event.type === 'DELETED') this.remove(obj);
      },
      end: () => {
        if (!this.running) return;
        if (expired) void this.listAndWatch();
        else void this.watchFrom();
      },
    });
  }

  private retryLater(fn: () => Promise<void>): void {
    if (!this.running) return;
    this.retryTimer = this.clock.setTimeout(() => void fn(), RETRY_DELAY_MS);
  }

  private replace(objects: KubeObject[]): void {
    const before = new Map(this.indexer.list().map((o) => [objectKeyOf(o), o]));
    const gone = this.indexer.replace(objects);
    for (const obj of objects) {
      const old = before.get(objectKeyOf(obj));
      if (!old) this.handlers.forEach((h) => h.onAdd?.(obj));
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion)
        this.handlers.forEach((h) => h.onUpdate?.(old, obj));
    }
    for (const obj of gone) this.handlers.forEach((h) => h.onDelete?.(obj));
  }

  private upsert(obj: KubeObject): void {
    const old = this.indexer.upsert(obj);
    if (old) this.handlers.forEach((h) => h.onUpdate?.(old, obj));
    else this.handlers.forEach((h) => h.onAdd?.(obj));
  }

  private remove(obj: KubeObject): void {
    const old = this.indexer.remove(objectKeyOf(obj));
    this.handlers.forEach((h) => h.onDelete?.(old ?? obj));
  }

  private resync(): void {
    for (const obj of this.indexer.list()) this.handlers.forEach((h) => h.onUpdate?.(obj, obj));
  }
}
