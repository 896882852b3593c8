import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { coordinationPrinters } from './coordination.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const lease = (spec: object): KubeObject => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'node-1', namespace: 'kube-node-lease', creationTimestamp: '2025-02-22T12:00:00Z' },
  spec,
});

describe('leasePrinter', () => {
  it('declares HOLDER AGE', () => {
    expect(coordinationPrinters.Lease?.columns.map((c) => c.name)).toEqual(['Name', 'Holder', 'Age']);
  });

  it.each([
    ['a held lease', lease({ holderIdentity: 'node-1', leaseDurationSeconds: 40 }), ['node-1', 'node-1', '7d']],
    ['a lease nobody holds', lease({}), ['node-1', '', '7d']],
  ])('prints %s', (_name, obj, want) => {
    expect(coordinationPrinters.Lease?.row(obj, NOW)).toEqual(want);
  });
});
