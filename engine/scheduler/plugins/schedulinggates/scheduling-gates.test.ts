import { describe, expect, it } from 'vitest';
import { summary } from '../../testing/test-framework.ts';
import { makePod } from '../../testing/wrappers.ts';
import { newSchedulingGates } from './scheduling-gates.ts';

describe('SchedulingGates', () => {
  it.each([
    { name: 'a pod without gates is let into the queue', pod: makePod(), want: 'Success' },
    {
      name: 'a gated pod waits, its gates listed as Go prints them',
      pod: makePod().schedulingGates('a.example/one', 'b.example/two'),
      want: 'UnschedulableAndUnresolvable: waiting for scheduling gates: [a.example/one b.example/two]',
    },
  ])('$name', ({ pod, want }) => {
    expect(summary(newSchedulingGates().preEnqueue(pod.obj()))).toBe(want);
  });
});
