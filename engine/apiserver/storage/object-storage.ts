// Objects over the KV store, as k8s.io/apiserver/pkg/storage/etcd3 does it: create only if absent, updates and
// deletes as compare-and-swap on the key's modRevision with retry, no-op updates that write nothing, and paginated
// reads at a fixed revision. Both store backends (embedded, etcd) sit behind it.

import type { KubeObject } from '../../api/object.ts';
import type { KV, KeyValue } from '../../store/kv.ts';
import { CompactedError, prefixEnd } from '../../store/kv.ts';
import { decodeObject, encodeObject } from './codec.ts';
import { StorageError } from './storage-error.ts';

export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

/** The object stored now (or undefined) → the object to store. Throw to abort. */
export type UpdateFunction = (current: KubeObject | undefined) => KubeObject | Promise<KubeObject>;

export interface UpdateOptions {
  preconditions?: Preconditions;
  /** Compute the update against this copy first (e.g. from the watch cache); re-read from the store on conflict. */
  suggestion?: KubeObject;
  /** Do everything but write. */
  dryRun?: boolean;
}

export interface DeleteOptions {
  preconditions?: Preconditions;
  suggestion?: KubeObject;
  dryRun?: boolean;
  /** Last check against the object about to be deleted; throw to refuse. */
  validateDeletion?: (current: KubeObject) => void | Promise<void>;
}

export interface ListPage {
  items: KubeObject[];
  /** The revision the list was read at. */
  revision: number;
  /** Key to continue after, when more items exist. */
  nextKey?: string;
  remainingItemCount?: number;
}

export interface ListPageOptions {
  /** Read at this revision (0: current). */
  revision?: number;
  /** First key to return (inclusive); defaults to the prefix. */
  startKey?: string;
  /** Most items to return (0: all). */
  limit?: number;
  /** Keep only objects for which this is true; pages fill up to `limit` matches. */
  filter?: (obj: KubeObject) => boolean;
}

const MAX_RETRIES = 100;

function checkPreconditions(key: string, obj: KubeObject, preconditions: Preconditions | undefined): void {
  if (!preconditions) return;
  if (preconditions.uid && preconditions.uid !== obj.metadata.uid) {
    throw new StorageError(
      'InvalidObject',
      key,
      `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`,
    );
  }
  if (preconditions.resourceVersion && preconditions.resourceVersion !== obj.metadata.resourceVersion) {
    throw new StorageError(
      'ResourceVersionConflicts',
      key,
      `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion ?? ''}`,
    );
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class ObjectStorage {
  constructor(readonly kv: KV) {}

  async get(key: string): Promise<KubeObject | undefined> {
    const result = await this.kv.range(key);
    const kv = result.kvs[0];
    return kv ? decodeObject(kv.value, kv.modRevision) : undefined;
  }

  /** Stores a new object; fails with KeyExists if the key is taken. Returns the object with its resourceVersion. */
  async create(key: string, obj: KubeObject, options: { dryRun?: boolean; lease?: number } = {}): Promise<KubeObject> {
    if (obj.metadata.resourceVersion) {
      throw new StorageError('InvalidObject', key, 'resourceVersion should not be set on objects to be created');
    }
    const value = encodeObject(obj);
    if (options.dryRun) {
      const existing = await this.kv.range(key, { countOnly: true });
      if (existing.count > 0) throw new StorageError('KeyExists', key, `key ${key} already exists`);
      return decodeObject(value, 0);
    }
    const response = await this.kv.txn({
      compare: [{ key, target: 'createRevision', result: '=', value: 0 }],
      success: [{ type: 'put', key, value, lease: options.lease }],
      failure: [],
    });
    if (!response.succeeded) throw new StorageError('KeyExists', key, `key ${key} already exists`);
    return decodeObject(value, response.revision);
  }

  /**
   * Reads, transforms and writes an object until the write lands on the version it was computed from. An update
   * that changes no byte writes nothing and returns the stored object unchanged.
   */
  async guaranteedUpdate(key: string, options: UpdateOptions, tryUpdate: UpdateFunction): Promise<KubeObject> {
    // The stored bytes of `current` when they are at hand, so a no-op check need not encode it again.
    let currentBytes: Uint8Array | undefined;
    let current = options.suggestion;
    if (!current) [current, currentBytes] = await this.read(key);
    let fromSuggestion = options.suggestion !== undefined;
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      if (current) checkPreconditions(key, current, options.preconditions);
      const updated = await tryUpdate(current);
      const value = encodeObject(updated);
      if (current && sameBytes(value, currentBytes ?? encodeObject(current))) {
        if (!fromSuggestion) return current;
        // The cached copy may be stale: confirm against the store before declaring a no-op.
        const [stored, storedBytes] = await this.read(key);
        if (stored && stored.metadata.resourceVersion === current.metadata.resourceVersion) return stored;
        [current, currentBytes] = [stored, storedBytes];
        fromSuggestion = false;
        continue;
      }
      if (options.dryRun) return decodeObject(value, Number(current?.metadata.resourceVersion ?? 0));
      const modRevision = current ? Number(current.metadata.resourceVersion) : 0;
      const response = await this.kv.txn({
        compare: [{ key, target: 'modRevision', result: '=', value: modRevision }],
        success: [{ type: 'put', key, value }],
        failure: [{ type: 'range', key }],
      });
      if (response.succeeded) return decodeObject(value, response.revision);
      const read = response.responses[0];
      const kv = read?.type === 'range' ? read.result.kvs[0] : undefined;
      current = kv ? decodeObject(kv.value, kv.modRevision) : undefined;
      currentBytes = kv?.value;
      fromSuggestion = false;
    }
    throw new StorageError('ResourceVersionConflicts', key, `too many conflicts updating ${key}`);
  }

  /** The stored object and its bytes. */
  private async read(key: string): Promise<[KubeObject | undefined, Uint8Array | undefined]> {
    const kv = (await this.kv.range(key)).kvs[0];
    return kv ? [decodeObject(kv.value, kv.modRevision), kv.value] : [undefined, undefined];
  }

  /** Deletes an object that passes the preconditions and validateDeletion; returns its last stored state. */
  async delete(key: string, options: DeleteOptions = {}): Promise<KubeObject> {
    let current = options.suggestion ?? (await this.get(key));
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      if (!current) throw new StorageError('KeyNotFound', key, `key ${key} not found`);
      checkPreconditions(key, current, options.preconditions);
      await options.validateDeletion?.(current);
      if (options.dryRun) return current;
      const response = await this.kv.txn({
        compare: [{ key, target: 'modRevision', result: '=', value: Number(current.metadata.resourceVersion) }],
        success: [{ type: 'delete', key }],
        failure: [{ type: 'range', key }],
      });
      if (response.succeeded) return current;
      const read = response.responses[0];
      const kv = read?.type === 'range' ? read.result.kvs[0] : undefined;
      current = kv ? decodeObject(kv.value, kv.modRevision) : undefined;
    }
    throw new StorageError('ResourceVersionConflicts', key, `too many conflicts deleting ${key}`);
  }

  /**
   * One page of a list under `prefix`, read at one revision so that following pages are consistent with it.
   * Filtering happens page by page, reading further until the page holds `limit` matching objects.
   */
  async listPage(prefix: string, options: ListPageOptions = {}): Promise<ListPage> {
    const end = prefixEnd(prefix);
    const limit = options.limit ?? 0;
    let revision = options.revision ?? 0;
    let start = options.startKey ?? prefix;
    const items: KubeObject[] = [];
    for (;;) {
      const chunk = limit > 0 ? Math.max(limit - items.length, Math.min(limit * 2, 10_000)) : 0;
      let result;
      try {
        result = await this.kv.range(start, { end, limit: chunk, revision });
      } catch (error) {
        if (error instanceof CompactedError) throw new StorageError('Expired', prefix, error.message);
        throw error;
      }
      if (revision === 0) revision = result.revision;
      const kvs: KeyValue[] = result.kvs;
      for (let i = 0; i < kvs.length; i++) {
        const kv = kvs[i]!;
        const obj = decodeObject(kv.value, kv.modRevision);
        if (options.filter && !options.filter(obj)) continue;
        items.push(obj);
        if (limit > 0 && items.length === limit) {
          const moreInChunk = i < kvs.length - 1 || result.more;
          if (!moreInChunk) return { items, revision };
          const nextKey = kv.key + '\0';
          const page: ListPage = { items, revision, nextKey };
          if (!options.filter) page.remainingItemCount = result.count - (i + 1);
          return page;
        }
      }
      if (!result.more || kvs.length === 0) return { items, revision };
      start = kvs[kvs.length - 1]!.key + '\0';
    }
  }
}
