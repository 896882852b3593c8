import { describe, expect, it } from 'vitest';

import { FieldError } from '../errors/field-error.ts';
import type { Json } from './access.ts';
import {
  validatePodDisruptionBudget,
  validatePodDisruptionBudgetStatusUpdate,
  validatePodDisruptionBudgetUpdate,
} from './policy.ts';

/** Messages with composite bad values masked as "…", so they do not depend on how Go literals are rendered. */
const messages = (errs: FieldError[]): string[] =>
  errs.map((e) =>
    String(
      typeof e.badValue === 'object' && e.badValue !== null ? new FieldError(e.type, e.field, '…', e.detail, false) : e,
    ),
  );

const pdb = (spec: Json): Json => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
});

describe('validatePodDisruptionBudget', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts a minimum count', pdb({ minAvailable: 2 }), []],
    ['accepts a maximum percentage', pdb({ maxUnavailable: '25%' }), []],
    ['accepts a budget without a selector', { spec: { minAvailable: 1 } }, []],
    [
      'rejects both bounds at once',
      pdb({ minAvailable: 1, maxUnavailable: 1 }),
      ['spec: Invalid value: "…": minAvailable and maxUnavailable cannot be both set'],
    ],
    [
      'rejects a negative count',
      pdb({ minAvailable: -1 }),
      ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'rejects more than 100%',
      pdb({ maxUnavailable: '150%' }),
      ['spec.maxUnavailable: Invalid value: "150%": must not be greater than 100%'],
    ],
    [
      'rejects an unknown eviction policy',
      pdb({ minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' }),
      [
        'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(messages(validatePodDisruptionBudget(obj))).toEqual(expected);
  });

  it('rejects a malformed percentage with the percent format message', () => {
    const [err, ...rest] = messages(validatePodDisruptionBudget(pdb({ minAvailable: 'half' })));
    expect(rest).toEqual([]);
    expect(err).toMatch(
      /^spec\.minAvailable: Invalid value: "half": a valid percent string must be a numeric string followed by an ending '%' \(e\.g\. /,
    );
  });

  it('keeps accepting a selector value that was stored before it became invalid', () => {
    const old = pdb({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['bad value'] }] } });
    expect(validatePodDisruptionBudgetUpdate(old, old)).toEqual([]);
    expect(validatePodDisruptionBudget(old)).not.toEqual([]);
  });
});

describe('validatePodDisruptionBudgetStatusUpdate', () => {
  it('rejects negative counts', () => {
    expect(
      messages(
        validatePodDisruptionBudgetStatusUpdate({
          status: { disruptionsAllowed: -1, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
        }),
      ),
    ).toEqual(['status.disruptionsAllowed: Invalid value: -1: must be greater than or equal to 0']);
  });
});
