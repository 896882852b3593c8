import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { eventsResources } from './index.ts';

const ctx = (): StrategyContext => ({
  user: { username: 'u', groups: [] },
  now: 0,
  namespace: 'default',
  warnings: [],
});

describe('events.k8s.io resources', () => {
  const events = eventsResources[0]!;
  const event: KubeObject = {
    metadata: { name: 'e', namespace: 'default' },
    eventTime: '2024-05-01T10:00:00.000000Z',
    reportingController: 'k8s.io/my-controller',
    reportingInstance: 'ctrl-0',
    action: 'Scale',
    reason: 'ScaledUp',
    regarding: { kind: 'Deployment', namespace: 'default', name: 'web' },
    type: 'Normal',
  };

  it('serves events as a real cluster discovers them, stored with core events', () => {
    expect(events).toMatchObject({
      group: 'events.k8s.io',
      version: 'v1',
      kind: 'Event',
      listKind: 'EventList',
      resource: 'events',
      singular: 'event',
      namespaced: true,
      shortNames: ['ev'],
    });
    expect(events.storagePrefix).toBe('events');
    expect(events.schema).toBe(definitionForGVK('events.k8s.io', 'v1', 'Event'));
    expect(events.strategy).toMatchObject({ allowCreateOnUpdate: true, allowUnconditionalUpdate: true });
  });

  it('accepts a defaulted new-style event', () => {
    const obj = structuredClone(event);
    events.strategy.defaults?.(obj);
    expect(events.strategy.validate?.(obj, ctx())).toEqual([]);
  });

  it('reports missing fields at the core paths upstream uses', () => {
    const obj: KubeObject = { ...structuredClone(event), reportingInstance: undefined, note: 'x'.repeat(1025) };
    expect(events.strategy.validate?.(obj, ctx()).map(String)).toEqual([
      'reportingInstance: Required value',
      'message: Invalid value: "": can have at most 1024 characters',
    ]);
  });

  it('selects events by the core field labels', () => {
    const selectors = events.fieldSelectors!;
    expect(selectors['involvedObject.name']?.(event)).toBe('web');
    expect(selectors.reportingComponent?.(event)).toBe('k8s.io/my-controller');
    expect(selectors.source?.(event)).toBe('k8s.io/my-controller');
  });
});
