import { CompareResult, CompareTarget, type IKeyValue } from 'etcd3';
import { describe, expect, it } from 'vitest';
import type { Compare } from '../kv.ts';
import { fromEvent, fromKeyValue, fromResponseOp, toCompare, toRangeRequest, toRequestOp } from './convert.ts';

const etcdKeyValue = (fields: Partial<IKeyValue> = {}): IKeyValue => ({
  key: Buffer.from('/registry/pods/default/a'),
  value: Buffer.from('{}'),
  create_revision: '4',
  mod_revision: '9',
  version: '3',
  lease: '0',
  ...fields,
});

describe('fromKeyValue', () => {
  it('reads the key as UTF-8, copies the value, and turns int64 strings into numbers', () => {
    const source = etcdKeyValue({ lease: '281474976710655' });
    const kv = fromKeyValue(source);
    expect(kv).toEqual({
      key: '/registry/pods/default/a',
      value: new Uint8Array(Buffer.from('{}')),
      createRevision: 4,
      modRevision: 9,
      version: 3,
      lease: 281474976710655,
    });
    expect(kv.value.buffer).not.toBe(source.value.buffer);
    expect(Buffer.isBuffer(kv.value)).toBe(false);
  });
});

describe('toRangeRequest', () => {
  it('sends only the options that were given', () => {
    expect(toRangeRequest('/a')).toEqual({ key: Buffer.from('/a') });
    expect(toRangeRequest('/a', { end: '\0', limit: 2, revision: 7, countOnly: true })).toEqual({
      key: Buffer.from('/a'),
      range_end: Buffer.from([0]),
      limit: 2,
      revision: 7,
      count_only: true,
    });
  });
});

describe('toCompare', () => {
  it.each<{ compare: Omit<Compare, 'key'>; expected: object }>([
    {
      compare: { target: 'version', result: '=', value: 0 },
      expected: { target: CompareTarget.Version, result: CompareResult.Equal, version: 0 },
    },
    {
      compare: { target: 'createRevision', result: '!=', value: 3 },
      expected: { target: CompareTarget.Create, result: CompareResult.NotEqual, create_revision: 3 },
    },
    {
      compare: { target: 'modRevision', result: '<', value: 5 },
      expected: { target: CompareTarget.Mod, result: CompareResult.Less, mod_revision: 5 },
    },
    {
      compare: { target: 'value', result: '>', value: new Uint8Array([1, 2]) },
      expected: { target: CompareTarget.Value, result: CompareResult.Greater, value: Buffer.from([1, 2]) },
    },
  ])('a $compare.target $compare.result comparison maps to etcd enum numbers', ({ compare, expected }) => {
    expect(toCompare({ key: '/k', ...compare })).toEqual({ key: Buffer.from('/k'), ...expected });
  });

  it('rejects a value comparison against a number and a revision comparison against bytes', () => {
    expect(() => toCompare({ key: '/k', target: 'value', result: '=', value: 1 })).toThrow(TypeError);
    expect(() => toCompare({ key: '/k', target: 'version', result: '=', value: new Uint8Array() })).toThrow(TypeError);
  });
});

describe('toRequestOp', () => {
  it('asks for previous key-values on puts and deletes, as the store does', () => {
    expect(toRequestOp({ type: 'put', key: '/a', value: new Uint8Array([1]), lease: 5 })).toEqual({
      request_put: { key: Buffer.from('/a'), value: Buffer.from([1]), lease: 5, prev_kv: true },
    });
    expect(toRequestOp({ type: 'delete', key: '/a', end: '/b' })).toEqual({
      request_delete_range: { key: Buffer.from('/a'), range_end: Buffer.from('/b'), prev_kv: true },
    });
    expect(toRequestOp({ type: 'range', key: '/a', options: { limit: 1 } })).toEqual({
      request_range: { key: Buffer.from('/a'), limit: 1 },
    });
  });
});

describe('fromResponseOp', () => {
  it('maps each kind of txn response, taking the txn revision for a range without one', () => {
    const header = { cluster_id: '0', member_id: '0', revision: '0', raft_term: '0' };
    expect(fromResponseOp({ response_range: { header, kvs: [etcdKeyValue()], more: true, count: '5' } }, 12)).toEqual({
      type: 'range',
      result: { kvs: [fromKeyValue(etcdKeyValue())], more: true, count: 5, revision: 12 },
    });
    expect(fromResponseOp({ response_put: { header, prev_kv: null as never } }, 12)).toEqual({ type: 'put' });
    expect(fromResponseOp({ response_delete_range: { header, deleted: '1', prev_kvs: [etcdKeyValue()] } }, 12)).toEqual(
      { type: 'delete', deleted: 1, prevKvs: [fromKeyValue(etcdKeyValue())] },
    );
  });
});

describe('fromEvent', () => {
  it('maps a delete with its tombstone and previous key-value', () => {
    const tombstone = etcdKeyValue({ value: Buffer.alloc(0), create_revision: '0', version: '0', mod_revision: '10' });
    expect(fromEvent({ type: 'Delete', kv: tombstone, prev_kv: etcdKeyValue() })).toEqual({
      type: 'delete',
      kv: {
        key: '/registry/pods/default/a',
        value: new Uint8Array(),
        createRevision: 0,
        modRevision: 10,
        version: 0,
        lease: 0,
      },
      prevKv: fromKeyValue(etcdKeyValue()),
    });
  });

  it('leaves prevKv out when etcd sent none', () => {
    expect(fromEvent({ type: 'Put', kv: etcdKeyValue(), prev_kv: null as never })).not.toHaveProperty('prevKv');
  });
});
