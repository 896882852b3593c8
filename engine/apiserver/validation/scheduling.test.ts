import { describe, expect, it } from 'vitest';

import type { Json } from './access.ts';
import { validatePriorityClass, validatePriorityClassUpdate } from './scheduling.ts';

const pc = (name: string, fields: Json): Json => ({
  metadata: { name },
  preemptionPolicy: 'PreemptLowerPriority',
  ...fields,
});

describe('validatePriorityClass', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts a user class', pc('high', { value: 1000 }), []],
    ['accepts the built-in node-critical class', pc('system-node-critical', { value: 2000001000 }), []],
    [
      'reserves the system- prefix',
      pc('system-mine', { value: 10 }),
      [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
      ],
    ],
    [
      'insists on the built-in value',
      pc('system-cluster-critical', { value: 5 }),
      [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-cluster-critical PriorityClass must be 2000000000",
      ],
    ],
    [
      'caps user values at one billion',
      pc('huge', { value: 1000000001 }),
      ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
    ],
    [
      'rejects an unknown preemption policy',
      pc('p', { value: 1, preemptionPolicy: 'Sometimes' }),
      ['preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"'],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(validatePriorityClass(obj).map(String)).toEqual(expected);
  });

  it('refuses to change the value or the preemption policy', () => {
    expect(
      validatePriorityClassUpdate(pc('p', { value: 2, preemptionPolicy: 'Never' }), pc('p', { value: 1 })).map(String),
    ).toEqual([
      'value: Forbidden: may not be changed in an update.',
      'preemptionPolicy: Invalid value: "Never": field is immutable',
    ]);
  });
});
