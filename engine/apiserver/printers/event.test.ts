import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { eventPrinter, eventsV1Printer } from './event.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * 24 * 3600 * 1000).toISOString().replace('.000Z', 'Z');
const microDaysAgo = (days: number) => new Date(NOW - days * 24 * 3600 * 1000).toISOString().replace('Z', '000Z');

function event(fields: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.17f3a', namespace: 'default' },
    involvedObject: { kind: 'Deployment', name: 'web', fieldPath: 'spec.containers{app}' },
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set web-5d8 to 3\n',
    type: 'Normal',
    ...fields,
  };
}

describe('eventPrinter', () => {
  it('declares LAST SEEN TYPE REASON OBJECT MESSAGE, the rest for -o wide', () => {
    expect(eventPrinter.columns.map((c) => `${c.name}:${c.priority}:${c.format}`)).toEqual([
      'Last Seen:0:',
      'Type:0:',
      'Reason:0:',
      'Object:0:',
      'Subobject:1:',
      'Source:1:',
      'Message:0:',
      'First Seen:1:',
      'Count:1:',
      'Name:1:name',
    ]);
  });

  it.each([
    [
      'an event with first and last timestamps and a count',
      event({
        source: { component: 'kubelet', host: 'node-1' },
        firstTimestamp: daysAgo(3),
        lastTimestamp: daysAgo(2),
        count: 6,
      }),
      [
        '2d',
        'Normal',
        'ScalingReplicaSet',
        'deployment/web',
        'spec.containers{app}',
        'kubelet, node-1',
        'Scaled up replica set web-5d8 to 3',
        '3d',
        6,
        'web.17f3a',
      ],
    ],
    [
      'the event time when there is no first timestamp',
      event({ source: { component: 'kubelet' }, eventTime: microDaysAgo(3), lastTimestamp: daysAgo(3), count: 1 }),
      [
        '3d',
        'Normal',
        'ScalingReplicaSet',
        'deployment/web',
        'spec.containers{app}',
        'kubelet',
        'Scaled up replica set web-5d8 to 3',
        '3d',
        1,
        'web.17f3a',
      ],
    ],
    [
      'the first timestamp as last seen when there is no last timestamp',
      event({ firstTimestamp: daysAgo(3), count: 1 }),
      [
        '3d',
        'Normal',
        'ScalingReplicaSet',
        'deployment/web',
        'spec.containers{app}',
        '',
        'Scaled up replica set web-5d8 to 3',
        '3d',
        1,
        'web.17f3a',
      ],
    ],
    [
      'the series of a repeated event',
      event({ eventTime: microDaysAgo(3), series: { count: 2, lastObservedTime: microDaysAgo(2) } }),
      [
        '2d',
        'Normal',
        'ScalingReplicaSet',
        'deployment/web',
        'spec.containers{app}',
        '',
        'Scaled up replica set web-5d8 to 3',
        '3d',
        2,
        'web.17f3a',
      ],
    ],
    [
      'a count of one for a singleton event and the reporting controller as source',
      event({ eventTime: microDaysAgo(3), reportingComponent: 'kubelet', reportingInstance: 'node-2' }),
      [
        '3d',
        'Normal',
        'ScalingReplicaSet',
        'deployment/web',
        'spec.containers{app}',
        'kubelet, node-2',
        'Scaled up replica set web-5d8 to 3',
        '3d',
        1,
        'web.17f3a',
      ],
    ],
    [
      'only the kind for an object without a name, and <unknown> without any time',
      event({ involvedObject: { kind: 'Node' }, type: 'Warning' }),
      [
        '<unknown>',
        'Warning',
        'ScalingReplicaSet',
        'node',
        '',
        '',
        'Scaled up replica set web-5d8 to 3',
        '<unknown>',
        1,
        'web.17f3a',
      ],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(eventPrinter.row(obj, NOW)).toEqual(want);
  });
});

describe('eventsV1Printer', () => {
  it('prints an events.k8s.io Event as the core Event it converts to', () => {
    const obj: KubeObject = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'web-abc.17f3b', namespace: 'default' },
      eventTime: microDaysAgo(1),
      reportingController: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
      action: 'Binding',
      reason: 'Scheduled',
      regarding: { kind: 'Pod', name: 'web-abc', namespace: 'default' },
      note: 'Successfully assigned default/web-abc to node-1',
      type: 'Normal',
      deprecatedCount: 0,
    };
    expect(eventsV1Printer.row(obj, NOW)).toEqual([
      '24h',
      'Normal',
      'Scheduled',
      'pod/web-abc',
      '',
      'default-scheduler, default-scheduler-control-plane',
      'Successfully assigned default/web-abc to node-1',
      '24h',
      1,
      'web-abc.17f3b',
    ]);
  });

  it('reads the deprecated core fields of an events.k8s.io Event', () => {
    const obj: KubeObject = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'old' },
      regarding: { kind: 'Node', name: 'node-1' },
      reason: 'NodeReady',
      note: 'Node is ready',
      type: 'Normal',
      deprecatedSource: { component: 'kubelet', host: 'node-1' },
      deprecatedFirstTimestamp: daysAgo(5),
      deprecatedLastTimestamp: daysAgo(4),
      deprecatedCount: 7,
    };
    expect(eventsV1Printer.row(obj, NOW)).toEqual([
      '4d',
      'Normal',
      'NodeReady',
      'node/node-1',
      '',
      'kubelet, node-1',
      'Node is ready',
      '5d',
      7,
      'old',
    ]);
  });
});
