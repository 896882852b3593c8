import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { flowControlPrinters } from './flowcontrol.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const object = (kind: string, spec: object, status: object = {}): KubeObject => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
  kind,
  metadata: { name: 'workload-low', creationTimestamp: '2025-02-01T12:00:00Z' },
  spec,
  status,
});

const printer = (kind: string) => {
  const found = flowControlPrinters[kind];
  if (!found) throw new Error(`no printer for ${kind}`);
  return found;
};

describe('flowControlPrinters', () => {
  it.each([
    ['FlowSchema', ['Name', 'PriorityLevel', 'MatchingPrecedence', 'DistinguisherMethod', 'Age', 'MissingPL']],
    [
      'PriorityLevelConfiguration',
      ['Name', 'Type', 'NominalConcurrencyShares', 'Queues', 'HandSize', 'QueueLengthLimit', 'Age'],
    ],
  ])('declares the columns of a %s', (kind, names) => {
    expect(printer(kind).columns.map((c) => c.name)).toEqual(names);
  });

  it.each([
    [
      'a flow schema whose priority level exists',
      object(
        'FlowSchema',
        {
          priorityLevelConfiguration: { name: 'workload-low' },
          matchingPrecedence: 9000,
          distinguisherMethod: { type: 'ByUser' },
        },
        { conditions: [{ type: 'Dangling', status: 'False' }] },
      ),
      ['workload-low', 'workload-low', 9000, 'ByUser', '28d', 'False'],
    ],
    [
      'a flow schema not checked yet, without a distinguisher',
      object('FlowSchema', { priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 1 }),
      ['workload-low', 'exempt', 1, '<none>', '28d', '?'],
    ],
    [
      'a limited priority level with queuing',
      object('PriorityLevelConfiguration', {
        type: 'Limited',
        limited: {
          nominalConcurrencyShares: 100,
          limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } },
        },
      }),
      ['workload-low', 'Limited', 100, 128, 6, 50, '28d'],
    ],
    [
      'a limited priority level that rejects',
      object('PriorityLevelConfiguration', {
        type: 'Limited',
        limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Reject' } },
      }),
      ['workload-low', 'Limited', 5, '<none>', '<none>', '<none>', '28d'],
    ],
    [
      'an exempt priority level',
      object('PriorityLevelConfiguration', { type: 'Exempt', exempt: {} }),
      ['workload-low', 'Exempt', '<none>', '<none>', '<none>', '<none>', '28d'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(printer(obj.kind ?? '').row(obj, NOW)).toEqual(want);
  });
});
