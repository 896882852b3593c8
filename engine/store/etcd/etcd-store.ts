// The etcd backend of the store: the KV contract of kv.ts over a real etcd v3 cluster, through the etcd3 client's
// low-level RPCs so every revision, compare and watch event is etcd's own. Keys are stored as they are
// (/registry/...), so `etcdctl get --prefix /registry/pods` shows what the API server wrote.

import { randomInt } from 'node:crypto';
import type { IResponseHeader } from 'etcd3';
import type {
  KV,
  KeyValue,
  RangeOptions,
  RangeResult,
  StoreStatus,
  TxnRequest,
  TxnResponse,
  WatchHandler,
  WatchOptions,
  Watcher,
} from '../kv.ts';
import {
  fromKeyValue,
  fromRangeResponse,
  fromResponseOp,
  int64,
  keyBytes,
  toCompare,
  toRangeRequest,
  toRequestOp,
  valueBytes,
} from './convert.ts';
import { EtcdClient } from './etcd-client.ts';
import { orderedProgressRequests } from './etcd-version.ts';
import { EtcdWatch } from './etcd-watch.ts';
import { toStoreError } from './errors.ts';

export interface EtcdStoreOptions {
  /** Client URLs of the cluster's members, e.g. http://127.0.0.1:2379. */
  endpoints: string[];
}

/** How long opening the store waits for a first answer from the cluster. */
const probeTimeoutMs = 5_000;

/** Connects to an etcd cluster and checks that it answers. */
export async function openEtcdStore(options: EtcdStoreOptions): Promise<KV> {
  if (options.endpoints.length === 0) throw new Error('the etcd store needs at least one endpoint');
  const client = new EtcdClient(options.endpoints);
  const store = new EtcdStore(client);
  try {
    await store.probe();
  } catch (error) {
    client.close();
    throw error;
  }
  return store;
}

/** The KV over one etcd client. */
class EtcdStore implements KV {
  private lastRevision = 0;
  /** Whether watchers may offer requestProgress (see etcd-version.ts). */
  private orderedProgress = false;
  private readonly watches = new Set<Watcher>();

  constructor(private readonly client: EtcdClient) {}

  /** Checks that the cluster answers, and learns its revision and what its version supports. */
  async probe(): Promise<void> {
    try {
      const timeout = EtcdClient.deadline(probeTimeoutMs);
      const [member, keys] = await Promise.all([
        this.client.maintenance.status(timeout),
        this.client.kv.range({ key: keyBytes('\0'), count_only: true }, timeout),
      ]);
      this.orderedProgress = orderedProgressRequests(member.version);
      this.observe(keys.header);
    } catch (error) {
      throw await this.toError(error, 0);
    }
  }

  async range(key: string, options?: RangeOptions): Promise<RangeResult> {
    const response = await this.call(() => this.client.kv.range(toRangeRequest(key, options)), options?.revision ?? 0);
    return fromRangeResponse(response);
  }

  async txn(request: TxnRequest): Promise<TxnResponse> {
    const response = await this.call(
      () =>
        this.client.kv.txn({
          compare: request.compare.map(toCompare),
          success: request.success.map(toRequestOp),
          failure: request.failure.map(toRequestOp),
        }),
      requestedRevision(request),
    );
    const revision = int64(response.header.revision);
    return {
      succeeded: response.succeeded,
      revision,
      responses: (response.responses ?? []).map((op) => fromResponseOp(op, revision)),
    };
  }

  async put(
    key: string,
    value: Uint8Array,
    options?: { lease?: number },
  ): Promise<{ revision: number; prevKv?: KeyValue }> {
    const response = await this.call(() =>
      this.client.kv.put({ key: keyBytes(key), value: valueBytes(value), lease: options?.lease ?? 0, prev_kv: true }),
    );
    const revision = int64(response.header.revision);
    return response.prev_kv ? { revision, prevKv: fromKeyValue(response.prev_kv) } : { revision };
  }

  async delete(
    key: string,
    options?: { end?: string },
  ): Promise<{ revision: number; deleted: number; prevKvs: KeyValue[] }> {
    const response = await this.call(() =>
      this.client.kv.deleteRange({
        key: keyBytes(key),
        ...(options?.end === undefined ? {} : { range_end: keyBytes(options.end) }),
        prev_kv: true,
      }),
    );
    return {
      revision: int64(response.header.revision),
      deleted: int64(response.deleted),
      prevKvs: (response.prev_kvs ?? []).map(fromKeyValue),
    };
  }

  watch(key: string, options: WatchOptions, handler: WatchHandler): Watcher {
    const watch: EtcdWatch = new EtcdWatch({
      client: this.client,
      key,
      options,
      // "From now" is pinned to the newest revision this client has seen, so a write acknowledged after watch()
      // returned is delivered even if etcd applies it before the watch is registered.
      startRevision: options.startRevision || this.lastRevision + 1,
      handler,
      toError: (error, requested) => this.toError(error, requested),
      onEnd: () => this.watches.delete(watch),
    });
    this.watches.add(watch);
    return this.orderedProgress ? watch : { cancel: () => watch.cancel() };
  }

  async compact(revision: number): Promise<void> {
    await this.call(() => this.client.kv.compact({ revision, physical: true }), revision);
  }

  async leaseGrant(ttlSeconds: number): Promise<number> {
    // The store chooses lease IDs below 2^48, so that they survive as JavaScript numbers (etcd's own are 63-bit);
    // a clash with an existing lease is answered by choosing again.
    for (let attempt = 1; ; attempt++) {
      const id = randomInt(1, 2 ** 48);
      try {
        const response = await this.call(() => this.client.leaseClient.leaseGrant({ TTL: ttlSeconds, ID: id }));
        return int64(response.ID);
      } catch (error) {
        if (attempt === 5 || !(error instanceof Error && error.message.includes('lease already exists'))) throw error;
      }
    }
  }

  async leaseRevoke(id: number): Promise<void> {
    await this.call(() => this.client.leaseClient.leaseRevoke({ ID: id }));
  }

  async status(): Promise<StoreStatus> {
    const [keys, member, compactRevision] = await Promise.all([
      this.call(() => this.client.kv.range({ key: keyBytes('\0'), range_end: keyBytes('\0'), count_only: true })),
      this.call(() => this.client.maintenance.status()),
      this.compactRevision(),
    ]);
    return {
      revision: int64(keys.header.revision),
      compactRevision,
      dbSize: int64(member.dbSizeInUse) || int64(member.dbSize),
      keys: int64(keys.count),
    };
  }

  async close(): Promise<void> {
    for (const watch of [...this.watches]) watch.cancel();
    this.client.close();
  }

  /** The cluster's compacted revision (0 before the first compaction), from HashKV: etcd reports it nowhere else. */
  private async compactRevision(): Promise<number> {
    const response = await this.call(() => this.client.hashKV({ revision: 0 }));
    return Math.max(0, int64(response.compact_revision));
  }

  /** Runs one request: notes the revision it saw and turns its failure into the store's error. */
  private async call<T extends { header?: IResponseHeader }>(request: () => Promise<T>, requested = 0): Promise<T> {
    try {
      const response = await request();
      this.observe(response.header);
      return response;
    } catch (error) {
      throw await this.toError(error, requested);
    }
  }

  private toError(error: unknown, requested: number): Promise<Error> {
    return toStoreError(error, {
      endpoints: this.client.endpoints,
      requested,
      compactRevision: () => this.compactRevision(),
    });
  }

  private observe(header: IResponseHeader | undefined): void {
    this.lastRevision = Math.max(this.lastRevision, int64(header?.revision));
  }
}

/** The oldest revision a txn's ranges read at, for the error should it be compacted or in the future. */
function requestedRevision(request: TxnRequest): number {
  const revisions = [...request.success, ...request.failure].flatMap((op) =>
    op.type === 'range' && op.options?.revision ? [op.options.revision] : [],
  );
  return revisions.length === 0 ? 0 : Math.min(...revisions);
}
