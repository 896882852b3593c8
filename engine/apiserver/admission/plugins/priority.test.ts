// Tests for the Priority admission plugin.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { StatusError } from '../../errors/status-error.ts';
import { Priority } from './priority.ts';
import { PODS, attributesFor, pod } from './test-attributes.ts';

const PRIORITY_CLASSES = { group: 'scheduling.k8s.io', resource: 'priorityclasses', kind: 'PriorityClass' };

const priorityClass = (name: string, value: number, fields: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  preemptionPolicy: 'PreemptLowerPriority',
  ...fields,
});

const critical = priorityClass('system-cluster-critical', 2000000000);
const batch = priorityClass('batch', 100, { preemptionPolicy: 'Never' });

function plugin(classes: KubeObject[]): Priority {
  return new Priority({
    getPriorityClass: async (name) => classes.find((pc) => pc.metadata.name === name),
    listPriorityClasses: async () => classes,
  });
}

async function refusalMessage(promise: Promise<void>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StatusError);
  expect((error as StatusError).code).toBe(403);
  return (error as StatusError).message;
}

describe('Priority admission of pods', () => {
  it.each<[string, KubeObject[], Record<string, unknown>, Record<string, unknown>]>([
    [
      'gives a pod without a class priority 0 and PreemptLowerPriority',
      [critical],
      {},
      { priority: 0, preemptionPolicy: 'PreemptLowerPriority' },
    ],
    [
      'takes the value and policy of the named class',
      [critical, batch],
      { priorityClassName: 'batch' },
      { priorityClassName: 'batch', priority: 100, preemptionPolicy: 'Never' },
    ],
    [
      'gives a pod without a class the global default class',
      [critical, priorityClass('normal', 1000, { globalDefault: true })],
      {},
      { priorityClassName: 'normal', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' },
    ],
    [
      'picks the lowest of several global defaults',
      [priorityClass('high', 1000, { globalDefault: true }), priorityClass('low', 10, { globalDefault: true })],
      {},
      { priorityClassName: 'low', priority: 10, preemptionPolicy: 'PreemptLowerPriority' },
    ],
    [
      'accepts a priority that equals the computed one',
      [batch],
      { priorityClassName: 'batch', priority: 100, preemptionPolicy: 'Never' },
      { priorityClassName: 'batch', priority: 100, preemptionPolicy: 'Never' },
    ],
    [
      'leaves the policy alone for a class without one',
      [priorityClass('bare', 5, { preemptionPolicy: undefined })],
      { priorityClassName: 'bare' },
      { priorityClassName: 'bare', priority: 5 },
    ],
  ])('%s', async (_name, classes, fields, expected) => {
    const object = pod(fields);
    await plugin(classes).admit(attributesFor(PODS, object));
    const { priorityClassName, priority, preemptionPolicy } = object.spec as Record<string, unknown>;
    expect({ priorityClassName, priority, preemptionPolicy }).toEqual({
      priorityClassName: undefined,
      preemptionPolicy: undefined,
      ...expected,
    });
  });

  it.each<[string, KubeObject[], Record<string, unknown>, string]>([
    ['a class that does not exist', [], { priorityClassName: 'gold' }, 'no PriorityClass with name gold was found'],
    [
      'a priority of its own without a matching class',
      [],
      { priority: 1000 },
      'the integer value of priority (1000) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    ],
    [
      'a preemption policy that differs from its class’s',
      [batch],
      { priorityClassName: 'batch', preemptionPolicy: 'PreemptLowerPriority' },
      'the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name',
    ],
  ])('refuses a pod with %s', async (_name, classes, fields, message) => {
    expect(await refusalMessage(plugin(classes).admit(attributesFor(PODS, pod(fields))))).toBe(
      `pods "web" is forbidden: ${message}`,
    );
  });

  it('keeps the priority create set when an update leaves it out', async () => {
    const old = pod({ priority: 100, preemptionPolicy: 'Never' });
    const object = pod();
    await plugin([]).admit(attributesFor(PODS, object, { operation: 'UPDATE', oldObject: old }));
    expect(object.spec).toMatchObject({ priority: 100, preemptionPolicy: 'Never' });
  });

  it('leaves sub-resource writes alone', async () => {
    const object = pod({ priorityClassName: 'missing' });
    await plugin([]).admit(attributesFor(PODS, object, { subresource: 'status' }));
    expect((object.spec as Record<string, unknown>).priority).toBeUndefined();
  });
});

describe('Priority admission of PriorityClasses', () => {
  const existingDefault = priorityClass('normal', 1000, { globalDefault: true });

  it.each<[string, 'CREATE' | 'UPDATE', KubeObject, KubeObject[]]>([
    ['allows a first global default', 'CREATE', priorityClass('normal', 1000, { globalDefault: true }), [critical]],
    ['allows a class that is not a default', 'CREATE', priorityClass('other', 5), [existingDefault]],
    ['allows updating the default class itself', 'UPDATE', existingDefault, [existingDefault]],
  ])('%s', async (_name, operation, object, classes) => {
    await plugin(classes).validate(attributesFor(PRIORITY_CLASSES, object, { operation }));
  });

  it.each<[string, 'CREATE' | 'UPDATE', string]>([
    ['creating a second global default', 'CREATE', 'gold'],
    ['marking another class as the default', 'UPDATE', 'gold'],
  ])('refuses %s', async (_name, operation, name) => {
    const object = priorityClass(name, 5, { globalDefault: true });
    const message = await refusalMessage(
      plugin([existingDefault]).validate(attributesFor(PRIORITY_CLASSES, object, { operation })),
    );
    expect(message).toBe(
      `priorityclasses.scheduling.k8s.io "${name}" is forbidden: PriorityClass normal is already marked as default. Only one default can exist`,
    );
  });
});
