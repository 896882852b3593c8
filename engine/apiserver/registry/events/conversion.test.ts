import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../../api/object.ts';
import { coreEventToEventsV1, eventsV1ToCoreEvent } from './conversion.ts';

const metadata = {
  name: 'web.17a',
  namespace: 'default',
  uid: 'u1',
  resourceVersion: '42',
  creationTimestamp: '2024-05-01T10:00:00Z',
};

/** What the kubelet writes through core/v1: a legacy event with a source and counters. */
const kubeletEvent: KubeObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata,
  involvedObject: {
    kind: 'Pod',
    namespace: 'default',
    name: 'web',
    uid: 'p1',
    apiVersion: 'v1',
    fieldPath: 'spec.containers{web}',
  },
  reason: 'Pulled',
  message: 'Successfully pulled image "nginx"',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2024-05-01T10:00:00Z',
  lastTimestamp: '2024-05-01T10:05:00Z',
  count: 3,
  type: 'Normal',
  eventTime: null,
  reportingComponent: 'kubelet',
  reportingInstance: 'node-1',
};

/** What a controller writes through events.k8s.io/v1: a new-style event with a series. */
const newEvent: KubeObject = {
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata,
  eventTime: '2024-05-01T10:00:00.000000Z',
  series: { count: 2, lastObservedTime: '2024-05-01T10:01:00.000000Z' },
  reportingController: 'k8s.io/my-controller',
  reportingInstance: 'my-controller-0',
  action: 'Scaling',
  reason: 'ScaledUp',
  regarding: { kind: 'Deployment', namespace: 'default', name: 'web' },
  related: { kind: 'ReplicaSet', namespace: 'default', name: 'web-1' },
  note: 'scaled to 3',
  type: 'Normal',
  deprecatedSource: {},
  deprecatedFirstTimestamp: null,
  deprecatedLastTimestamp: null,
};

describe('event conversion', () => {
  it('shows a legacy core event through events.k8s.io/v1 with its deprecated fields', () => {
    expect(coreEventToEventsV1(kubeletEvent)).toEqual({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata,
      eventTime: null,
      reportingController: 'kubelet',
      reportingInstance: 'node-1',
      reason: 'Pulled',
      regarding: kubeletEvent.involvedObject,
      note: 'Successfully pulled image "nginx"',
      type: 'Normal',
      deprecatedSource: { component: 'kubelet', host: 'node-1' },
      deprecatedFirstTimestamp: '2024-05-01T10:00:00Z',
      deprecatedLastTimestamp: '2024-05-01T10:05:00Z',
      deprecatedCount: 3,
    });
  });

  it('stores a new-style event as the core event a real cluster keeps', () => {
    expect(eventsV1ToCoreEvent(newEvent)).toEqual({
      apiVersion: 'v1',
      kind: 'Event',
      metadata,
      involvedObject: { kind: 'Deployment', namespace: 'default', name: 'web' },
      reason: 'ScaledUp',
      message: 'scaled to 3',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: 'Normal',
      eventTime: '2024-05-01T10:00:00.000000Z',
      series: { count: 2, lastObservedTime: '2024-05-01T10:01:00.000000Z' },
      action: 'Scaling',
      related: { kind: 'ReplicaSet', namespace: 'default', name: 'web-1' },
      reportingComponent: 'k8s.io/my-controller',
      reportingInstance: 'my-controller-0',
    });
  });

  const roundTrips: [string, KubeObject, (e: KubeObject) => KubeObject][] = [
    [
      'a core event survives a trip through events.k8s.io/v1',
      kubeletEvent,
      (e) => eventsV1ToCoreEvent(coreEventToEventsV1(e)),
    ],
    [
      'an events.k8s.io/v1 event survives a trip through core/v1',
      newEvent,
      (e) => coreEventToEventsV1(eventsV1ToCoreEvent(e)),
    ],
  ];
  it.each(roundTrips)('%s', (_name, event, trip) => {
    expect(trip(event)).toEqual(event);
  });

  it('writes the fields Go always writes for a bare event', () => {
    const bare: KubeObject = { metadata: { name: 'e' } };
    expect(eventsV1ToCoreEvent(bare)).toEqual({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e' },
      involvedObject: {},
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    });
    expect(coreEventToEventsV1(bare)).toEqual({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'e' },
      eventTime: null,
      regarding: {},
      deprecatedSource: {},
      deprecatedFirstTimestamp: null,
      deprecatedLastTimestamp: null,
    });
  });

  it('does not share nested objects with its input', () => {
    const converted = coreEventToEventsV1(kubeletEvent);
    (converted.regarding as Record<string, unknown>).name = 'changed';
    expect((kubeletEvent.involvedObject as Record<string, unknown>).name).toBe('web');
  });
});
