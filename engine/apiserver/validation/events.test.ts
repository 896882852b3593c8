import { describe, expect, it } from 'vitest';

import type { Json } from './access.ts';
import { validateEventsV1Create, validateEventsV1Update } from './events.ts';

/** A new-style event in its core form, as events.k8s.io/v1 stores it. */
const event = (fields: Json): Json => ({
  metadata: { name: 'e', namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web' },
  reason: 'Started',
  message: 'started',
  source: {},
  firstTimestamp: null,
  lastTimestamp: null,
  type: 'Normal',
  eventTime: '2024-05-01T10:00:00.000000Z',
  action: 'Start',
  reportingComponent: 'k8s.io/my-controller',
  reportingInstance: 'ctrl-0',
  ...fields,
});

describe('validateEventsV1Create', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts a complete new-style event', event({}), []],
    [
      'requires an action and a reason',
      event({ action: undefined, reason: undefined }),
      ['action: Required value', 'reason: Required value'],
    ],
    ['requires an event time', event({ eventTime: null }), ['eventTime: Required value']],
    [
      'accepts only Normal and Warning types',
      event({ type: 'Info' }),
      ['type: Invalid value: "": has invalid value: Info'],
    ],
    [
      'wants a series of at least two',
      event({ series: { count: 1, lastObservedTime: '2024-05-01T10:00:00.000000Z' } }),
      ['series.count: Invalid value: "": should be at least 2'],
    ],
    [
      'refuses the deprecated fields',
      event({ firstTimestamp: '2024-05-01T10:00:00Z', count: 2, source: { component: 'kubelet' } }),
      [
        'firstTimestamp: Invalid value: "": needs to be unset',
        'count: Invalid value: "": needs to be unset',
        'source: Invalid value: "": needs to be unset',
      ],
    ],
    [
      'lets a new-style event regard an object in another namespace',
      event({ involvedObject: { kind: 'Pod', namespace: 'other', name: 'web' } }),
      [],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(validateEventsV1Create(obj).map(String)).toEqual(expected);
  });
});

describe('validateEventsV1Update', () => {
  it('lets the series grow', () => {
    const old = event({ series: { count: 2, lastObservedTime: '2024-05-01T10:01:00.000000Z' } });
    expect(
      validateEventsV1Update(event({ series: { count: 3, lastObservedTime: '2024-05-01T10:02:00.000000Z' } }), old),
    ).toEqual([]);
  });

  it('refuses to change the note or the reporting controller', () => {
    const errs = validateEventsV1Update(event({ message: 'other', reportingComponent: 'k8s.io/other' }), event({})).map(
      String,
    );
    expect(errs).toEqual([
      'message: Invalid value: "other": field is immutable',
      'reportingController: Invalid value: "k8s.io/other": field is immutable',
    ]);
  });
});
