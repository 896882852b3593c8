// Translation between the store's types (kv.ts) and etcd's v3 RPC messages as the etcd3 client encodes them:
// keys are UTF-8 strings on our side and bytes on etcd's, int64 fields arrive as decimal strings, and enums are
// sent as their numbers. Lease IDs above 2^53 (granted by other clients) lose precision as numbers.

import {
  CompareResult,
  CompareTarget,
  type ICompare,
  type IEvent,
  type IKeyValue,
  type IRangeRequest,
  type IRangeResponse,
  type IRequestOp,
  type IResponseOp,
} from 'etcd3';
import type { Compare, KeyValue, RangeOptions, RangeResult, RequestOp, ResponseOp, WatchEvent } from '../kv.ts';

/** A key as the bytes etcd stores. */
export function keyBytes(key: string): Buffer {
  return Buffer.from(key, 'utf8');
}

/** A value as a Buffer over the same memory (no copy). */
export function valueBytes(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** An int64 field (a decimal string, or absent) as a number. */
export function int64(value: string | number | null | undefined): number {
  return value === null || value === undefined || value === '' ? 0 : Number(value);
}

export function fromKeyValue(kv: IKeyValue): KeyValue {
  return {
    key: kv.key.toString('utf8'),
    // A copy, so a cached value does not pin the whole gRPC message it arrived in.
    value: new Uint8Array(kv.value ?? []),
    createRevision: int64(kv.create_revision),
    modRevision: int64(kv.mod_revision),
    version: int64(kv.version),
    lease: int64(kv.lease),
  };
}

export function toRangeRequest(key: string, options: RangeOptions = {}): IRangeRequest {
  const request: IRangeRequest = { key: keyBytes(key) };
  if (options.end !== undefined) request.range_end = keyBytes(options.end);
  if (options.limit) request.limit = options.limit;
  if (options.revision) request.revision = options.revision;
  if (options.countOnly) request.count_only = true;
  return request;
}

/** A range response; `revision` stands in when the response carries no header revision (inside a txn). */
export function fromRangeResponse(response: IRangeResponse, revision = 0): RangeResult {
  return {
    kvs: (response.kvs ?? []).map(fromKeyValue),
    more: Boolean(response.more),
    count: int64(response.count),
    revision: int64(response.header?.revision) || revision,
  };
}

const compareResults = {
  '=': CompareResult.Equal,
  '!=': CompareResult.NotEqual,
  '<': CompareResult.Less,
  '>': CompareResult.Greater,
} as const;

export function toCompare(compare: Compare): ICompare {
  const message: ICompare = { key: keyBytes(compare.key), result: compareResults[compare.result] };
  if (compare.target === 'value') {
    if (!(compare.value instanceof Uint8Array)) throw new TypeError(`a value comparison on ${compare.key} needs bytes`);
    return { ...message, target: CompareTarget.Value, value: valueBytes(compare.value) };
  }
  if (typeof compare.value !== 'number') {
    throw new TypeError(`a ${compare.target} comparison on ${compare.key} needs a number`);
  }
  switch (compare.target) {
    case 'version':
      return { ...message, target: CompareTarget.Version, version: compare.value };
    case 'createRevision':
      return { ...message, target: CompareTarget.Create, create_revision: compare.value };
    case 'modRevision':
      return { ...message, target: CompareTarget.Mod, mod_revision: compare.value };
  }
}

/** A txn operation; puts and deletes ask for the previous key-values, as the store's own put and delete do. */
export function toRequestOp(op: RequestOp): IRequestOp {
  switch (op.type) {
    case 'range':
      return { request_range: toRangeRequest(op.key, op.options) };
    case 'put':
      return {
        request_put: { key: keyBytes(op.key), value: valueBytes(op.value), lease: op.lease ?? 0, prev_kv: true },
      };
    case 'delete':
      return {
        request_delete_range: {
          key: keyBytes(op.key),
          ...(op.end === undefined ? {} : { range_end: keyBytes(op.end) }),
          prev_kv: true,
        },
      };
  }
}

/** A txn operation's response; `revision` is the txn's, for ranges whose own header carries none. */
export function fromResponseOp(op: Partial<IResponseOp>, revision: number): ResponseOp {
  if (op.response_range) return { type: 'range', result: fromRangeResponse(op.response_range, revision) };
  if (op.response_put) {
    const prev = op.response_put.prev_kv;
    return prev ? { type: 'put', prevKv: fromKeyValue(prev) } : { type: 'put' };
  }
  if (op.response_delete_range) {
    return {
      type: 'delete',
      deleted: int64(op.response_delete_range.deleted),
      prevKvs: (op.response_delete_range.prev_kvs ?? []).map(fromKeyValue),
    };
  }
  throw new Error('etcd returned a txn response of a kind the store does not use');
}

export function fromEvent(event: IEvent): WatchEvent {
  const converted: WatchEvent = { type: event.type === 'Delete' ? 'delete' : 'put', kv: fromKeyValue(event.kv) };
  if (event.prev_kv) converted.prevKv = fromKeyValue(event.prev_kv);
  return converted;
}
