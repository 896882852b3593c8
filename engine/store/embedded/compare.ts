// Transaction compares, evaluated as etcd's applyCompare does: a missing key has version, createRevision and
// modRevision 0, and any value comparison against a missing key fails. Values compare as bytes.

import type { Compare, KeyValue } from '../kv.ts';

export function compareHolds(compare: Compare, kv: KeyValue | undefined): boolean {
  if (compare.target === 'value') {
    if (!(compare.value instanceof Uint8Array)) throw new TypeError('a value compare needs bytes');
    if (kv === undefined) return false;
    return outcome(Buffer.compare(kv.value, compare.value), compare.result);
  }
  if (typeof compare.value !== 'number') throw new TypeError(`a ${compare.target} compare needs a number`);
  const actual = kv === undefined ? 0 : kv[compare.target];
  return outcome(Math.sign(actual - compare.value), compare.result);
}

function outcome(order: number, result: Compare['result']): boolean {
  switch (result) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '>':
      return order > 0;
  }
}
