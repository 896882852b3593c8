import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS, UIDTrackingControllerExpectations } from './expectations.ts';

function pausedClock(): VirtualClock {
  const clock = new VirtualClock(0);
  clock.setPaused(true);
  return clock;
}

describe('controller expectations', () => {
  const cases: { name: string; act: (e: ControllerExpectations, clock: VirtualClock) => void; satisfied: boolean }[] = [
    { name: 'an owner that never set expectations may sync', act: () => undefined, satisfied: true },
    { name: 'pending creations hold the owner back', act: (e) => e.expectCreations('ns/a', 2), satisfied: false },
    {
      name: 'creations are satisfied once all are observed',
      act: (e) => {
        e.expectCreations('ns/a', 2);
        e.creationObserved('ns/a');
        e.creationObserved('ns/a');
      },
      satisfied: true,
    },
    {
      name: 'expectations expire after five minutes of lab time',
      act: (e, clock) => {
        e.expectDeletions('ns/a', 1);
        clock.step(EXPECTATIONS_TIMEOUT_MS + 1);
      },
      satisfied: true,
    },
    {
      name: 'expectations still hold just before they expire',
      act: (e, clock) => {
        e.expectDeletions('ns/a', 1);
        clock.step(EXPECTATIONS_TIMEOUT_MS);
      },
      satisfied: false,
    },
    {
      name: 'deleted expectations let the owner sync',
      act: (e) => {
        e.expectCreations('ns/a', 3);
        e.deleteExpectations('ns/a');
      },
      satisfied: true,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const clock = pausedClock();
      const e = new ControllerExpectations(clock);
      c.act(e, clock);
      expect(e.satisfiedExpectations('ns/a')).toBe(c.satisfied);
    });
  }

  it('counts a tracked deletion once, whether seen as a deletion timestamp or as the delete', () => {
    const e = new UIDTrackingControllerExpectations(pausedClock());
    e.expectDeletionsOf('ns/rs', ['ns/p1', 'ns/p2']);
    e.deletionObservedOf('ns/rs', 'ns/p1');
    e.deletionObservedOf('ns/rs', 'ns/p1');
    e.deletionObservedOf('ns/rs', 'ns/other');
    expect(e.get('ns/rs')).toEqual({ add: 0, del: 1 });
    e.deletionObservedOf('ns/rs', 'ns/p2');
    expect(e.satisfiedExpectations('ns/rs')).toBe(true);
  });
});
