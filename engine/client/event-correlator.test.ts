import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../lab/clock.ts';
import type { CorrelatedEvent } from './event-correlator.ts';
import { AGGREGATE_MESSAGE_PREFIX, EventCorrelator } from './event-correlator.ts';

function pausedClock(): VirtualClock {
  const clock = new VirtualClock(0);
  clock.setPaused(true);
  return clock;
}

function event(message: string, name = 'web-1'): CorrelatedEvent {
  return {
    source: { component: 'replicaset-controller' },
    involvedObject: { kind: 'ReplicaSet', namespace: 'default', name, uid: `uid-${name}`, apiVersion: 'apps/v1' },
    type: 'Normal',
    reason: 'SuccessfulCreate',
    message,
    reportingComponent: 'replicaset-controller',
    reportingInstance: '',
  };
}

describe('EventCorrelator', () => {
  it('lets a source send 25 events about an object, then one per five minutes', () => {
    const clock = pausedClock();
    const correlator = new EventCorrelator(clock);
    const filtered = Array.from({ length: 27 }, (_, i) => correlator.filter(event(`Created pod: p${i}`)));
    expect(filtered.filter((f) => !f)).toHaveLength(25);
    expect(filtered.slice(25)).toEqual([true, true]);
    expect(correlator.filter(event('Created pod: other', 'web-2'))).toBe(false);
    clock.step(300_000);
    expect(correlator.filter(event('Created pod: later'))).toBe(false);
    expect(correlator.filter(event('Created pod: later still'))).toBe(true);
  });

  it('combines similar events once ten messages were seen within ten minutes', () => {
    const clock = pausedClock();
    const correlator = new EventCorrelator(clock);
    const results = Array.from({ length: 11 }, (_, i) => correlator.aggregate(event(`Created pod: p${i}`)));
    expect(results.slice(0, 9).every((r) => !r.aggregate)).toBe(true);
    expect(results[9]).toMatchObject({ aggregate: true, message: `${AGGREGATE_MESSAGE_PREFIX}Created pod: p9` });
    expect(results[10]).toMatchObject({ aggregate: true, message: `${AGGREGATE_MESSAGE_PREFIX}Created pod: p10` });
    clock.step(600_001);
    expect(correlator.aggregate(event('Created pod: fresh')).aggregate).toBe(false);
  });
});
