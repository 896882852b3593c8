import { describe, expect, it } from 'vitest';
import { validateNamespace, validateNamespaceFinalizeUpdate, validateNamespaceStatusUpdate } from './namespace.ts';

describe('namespaces', () => {
  it('accepts the kubernetes finalizer', () => {
    expect(validateNamespace({ metadata: { name: 'dev' }, spec: { finalizers: ['kubernetes'] } })).toEqual([]);
  });

  it('refuses an unqualified custom finalizer', () => {
    expect(validateNamespace({ metadata: { name: 'dev' }, spec: { finalizers: ['mine'] } }).map(String)).toEqual([
      'spec.finalizers: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it('indexes finalizers in a finalize update', () => {
    expect(
      validateNamespaceFinalizeUpdate({ metadata: {}, spec: { finalizers: ['kubernetes', 'mine'] } }).map(String),
    ).toEqual([
      'spec.finalizers[1]: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it.each([
    ['an active namespace without deletion is valid', {}, 'Active', []],
    [
      'a terminating namespace must be being deleted',
      {},
      'Terminating',
      ['status.Phase: Invalid value: "Terminating": may only be \'Active\' if `deletionTimestamp` is empty'],
    ],
    [
      'a deleted namespace must be terminating',
      { deletionTimestamp: '2024-01-01T00:00:00Z' },
      'Active',
      ['status.Phase: Invalid value: "Active": may only be \'Terminating\' if `deletionTimestamp` is not empty'],
    ],
  ])('%s', (_name, meta, phase, expected) => {
    expect(validateNamespaceStatusUpdate({ metadata: meta, status: { phase } }).map(String)).toEqual(expected);
  });
});
