import { describe, expect, it } from 'vitest';
import type { RequestOp } from '../kv.ts';
import { DUPLICATE_KEY_MESSAGE, EMPTY_KEY_MESSAGE, validateOps } from './txn-validation.ts';

const put = (key: string): RequestOp => ({ type: 'put', key, value: new Uint8Array() });

const cases: { name: string; ops: RequestOp[]; error?: string }[] = [
  { name: 'puts of different keys', ops: [put('/a'), put('/b')] },
  { name: 'a read of a key it also writes', ops: [put('/a'), { type: 'range', key: '/a' }] },
  {
    name: 'deletes of overlapping ranges',
    ops: [
      { type: 'delete', key: '/a', end: '/c' },
      { type: 'delete', key: '/b' },
    ],
  },
  { name: 'two puts of one key', ops: [put('/a'), put('/a')], error: DUPLICATE_KEY_MESSAGE },
  {
    name: 'a put inside a deleted range',
    ops: [{ type: 'delete', key: '/a', end: '/c' }, put('/b')],
    error: DUPLICATE_KEY_MESSAGE,
  },
  {
    name: 'a put and a delete of one key',
    ops: [put('/a'), { type: 'delete', key: '/a' }],
    error: DUPLICATE_KEY_MESSAGE,
  },
  { name: 'an empty key', ops: [{ type: 'range', key: '' }], error: EMPTY_KEY_MESSAGE },
];

describe('validateOps', () => {
  it.each(cases)('judges $name', ({ ops, error }) => {
    if (error === undefined) expect(() => validateOps(ops)).not.toThrow();
    else expect(() => validateOps(ops)).toThrow(error);
  });
});
