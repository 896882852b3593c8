import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { schedulingPrinters } from './scheduling.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const priorityClass = (fields: object): KubeObject => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name: 'system-node-critical', creationTimestamp: '2025-01-30T12:00:00Z' },
  ...fields,
});

describe('priorityClassPrinter', () => {
  it('declares VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY, all shown without -o wide', () => {
    expect(schedulingPrinters.PriorityClass?.columns.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0',
      'Value:integer:0',
      'Global-Default:boolean:0',
      'Age:string:0',
      'PreemptionPolicy:string:0',
    ]);
  });

  it.each([
    [
      'a built-in class',
      priorityClass({ value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' }),
      ['system-node-critical', 2000001000, false, '30d', 'PreemptLowerPriority'],
    ],
    [
      'a global default class without a policy',
      priorityClass({ value: 0, globalDefault: true }),
      ['system-node-critical', 0, true, '30d', ''],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(schedulingPrinters.PriorityClass?.row(obj, NOW)).toEqual(want);
  });
});
