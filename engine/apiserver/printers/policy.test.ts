import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { policyPrinters } from './policy.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const pdb = (spec: object, status: object = {}): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2025-03-01T11:59:55Z' },
  spec,
  status,
});

describe('podDisruptionBudgetPrinter', () => {
  it('declares MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE', () => {
    expect(policyPrinters.PodDisruptionBudget?.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Name:string',
      'Min Available:string',
      'Max Unavailable:string',
      'Allowed Disruptions:integer',
      'Age:string',
    ]);
  });

  it.each([
    ['a minimum as a count', pdb({ minAvailable: 2 }, { disruptionsAllowed: 1 }), ['web', '2', 'N/A', 1, '5s']],
    ['a maximum as a percentage', pdb({ maxUnavailable: '25%' }), ['web', 'N/A', '25%', 0, '5s']],
  ])('prints %s', (_name, obj, want) => {
    expect(policyPrinters.PodDisruptionBudget?.row(obj, NOW)).toEqual(want);
  });
});
