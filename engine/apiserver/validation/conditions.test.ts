import { describe, expect, it } from 'vitest';

import { FieldPath } from '../errors/field-error.ts';
import { validateConditions } from './conditions.ts';

const path = FieldPath.root('status').child('conditions');
const ok = {
  type: 'Ready',
  status: 'True',
  lastTransitionTime: '2024-01-01T00:00:00Z',
  reason: 'AllGood',
  message: '',
};

describe('validateConditions', () => {
  const cases: [string, unknown[], string[]][] = [
    ['accepts a complete condition', [ok], []],
    [
      'rejects an unknown status',
      [{ ...ok, status: 'Maybe' }],
      ['status.conditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"'],
    ],
    [
      'requires a transition time and a reason',
      [{ type: 'Ready', status: 'True' }],
      [
        'status.conditions[0].lastTransitionTime: Required value: must be set',
        'status.conditions[0].reason: Required value: must be set',
      ],
    ],
    ['rejects a second condition of the same type', [ok, ok], ['status.conditions[1].type: Duplicate value: "Ready"']],
    [
      'rejects a negative observed generation',
      [{ ...ok, observedGeneration: -1 }],
      ['status.conditions[0].observedGeneration: Invalid value: -1: must be greater than or equal to zero'],
    ],
  ];
  it.each(cases)('%s', (_name, conditions, expected) => {
    expect(validateConditions(conditions, path).map(String)).toEqual(expected);
  });
});
