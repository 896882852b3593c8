// Request checks etcd makes before applying anything: every key is given, and within one branch of a transaction no
// key is written twice (two puts of a key, or a put inside a deleted range), with etcd's error texts.

import type { RequestOp } from '../kv.ts';
import { inRange } from './key-range.ts';

export const EMPTY_KEY_MESSAGE = 'etcdserver: key is not provided';
export const DUPLICATE_KEY_MESSAGE = 'etcdserver: duplicate key given in txn request';

export function assertKey(key: string): void {
  if (key.length === 0) throw new Error(EMPTY_KEY_MESSAGE);
}

export function validateOps(ops: readonly RequestOp[]): void {
  const puts = new Set<string>();
  for (const op of ops) {
    assertKey(op.key);
    if (op.type !== 'put') continue;
    if (puts.has(op.key)) throw new Error(DUPLICATE_KEY_MESSAGE);
    puts.add(op.key);
  }
  if (puts.size === 0) return;
  for (const op of ops) {
    if (op.type !== 'delete') continue;
    for (const key of puts) if (inRange(key, op.key, op.end)) throw new Error(DUPLICATE_KEY_MESSAGE);
  }
}
