import { describe, expect, it } from 'vitest';

import type { Json } from './access.ts';
import { validateFlowControlStatus, validateFlowSchema, validatePriorityLevelConfiguration } from './flowcontrol.ts';

describe('validateFlowSchema', () => {
  const schema = (name: string, spec: Json): Json => ({
    metadata: { name },
    spec: { priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence: 1000, ...spec },
  });
  const cases: [string, Json, string[]][] = [
    [
      'accepts a schema that references a level',
      schema('service-accounts', { distinguisherMethod: { type: 'ByUser' } }),
      [],
    ],
    [
      'requires a priority level',
      schema('s', { priorityLevelConfiguration: {} }),
      ['spec.priorityLevelConfiguration.name: Required value: must reference a priority level'],
    ],
    [
      'keeps precedence 1 for the exempt schema',
      schema('s', { matchingPrecedence: 1 }),
      ["spec.matchingPrecedence: Invalid value: 1: only the schema named 'exempt' may have matchingPrecedence 1"],
    ],
    [
      'caps the precedence',
      schema('s', { matchingPrecedence: 20000 }),
      ['spec.matchingPrecedence: Invalid value: 20000: must not be greater than 10000'],
    ],
    [
      'rejects an unknown distinguisher',
      schema('s', { distinguisherMethod: { type: 'ByIP' } }),
      ['spec.distinguisherMethod.type: Unsupported value: "ByIP": supported values: "ByNamespace", "ByUser"'],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(validateFlowSchema(obj).map(String)).toEqual(expected);
  });
});

describe('validatePriorityLevelConfiguration', () => {
  const cases: [string, Json, string[]][] = [
    [
      'accepts a limited level that queues',
      {
        spec: {
          type: 'Limited',
          limited: {
            nominalConcurrencyShares: 30,
            limitResponse: { type: 'Queue', queuing: { queues: 64, handSize: 8, queueLengthLimit: 50 } },
          },
        },
      },
      [],
    ],
    [
      'requires the limited section',
      { spec: { type: 'Limited' } },
      ['spec.limited: Required value: must not be empty when type is Limited'],
    ],
    [
      'rejects an unknown type',
      { spec: { type: 'Unlimited' } },
      ['spec.type: Unsupported value: "Unlimited": supported values: "Exempt", "Limited"'],
    ],
    [
      'requires queuing for the Queue response',
      { spec: { type: 'Limited', limited: { limitResponse: { type: 'Queue' } } } },
      [
        'spec.limited.limitResponse.queuing: Required value: must not be empty if limited.limitResponse.type is Limited',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(validatePriorityLevelConfiguration(obj).map(String)).toEqual(expected);
  });

  it('rejects conditions without a type', () => {
    expect(validateFlowControlStatus({ status: { conditions: [{ status: 'True' }] } }).map(String)).toEqual([
      'status.conditions[0].type: Required value: must not be empty',
    ]);
  });
});
