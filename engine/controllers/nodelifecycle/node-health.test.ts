import { describe, expect, it } from 'vitest';
import { rfc3339, rfc3339Micro } from '../../api/json.ts';
import type { GracePeriods, NodeHealth } from './node-health.ts';
import { checkNodeHealth, renewedAfter } from './node-health.ts';
import type { Lease, Node } from './node-types.ts';

const T0 = Date.parse('2024-05-01T00:00:00Z');
const PERIODS: GracePeriods = { monitorMs: 40_000, startupMs: 60_000 };
const at = (seconds: number) => T0 + seconds * 1000;

const node = (ready?: { status: string; heartbeat: number }): Node => ({
  metadata: { name: 'node-a', creationTimestamp: rfc3339(T0) },
  status: {
    conditions: ready
      ? [
          {
            type: 'Ready',
            status: ready.status,
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
            lastHeartbeatTime: rfc3339(ready.heartbeat),
            lastTransitionTime: rfc3339(T0),
          },
          { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: rfc3339(ready.heartbeat) },
        ]
      : [],
  },
});
const lease = (renewed: number): Lease => ({
  metadata: { name: 'node-a', namespace: 'kube-node-lease' },
  spec: { holderIdentity: 'node-a', renewTime: rfc3339Micro(renewed) },
});

describe('checkNodeHealth', () => {
  const ready = node({ status: 'True', heartbeat: T0 });
  const seen = (now: number, renewTime?: number): NodeHealth =>
    checkNodeHealth(ready, undefined, renewTime === undefined ? undefined : lease(renewTime), now, PERIODS).health;

  it.each([
    ['leaves a node heard from within the grace period alone', seen(at(0), at(0)), at(5), at(40)],
    ['leaves alone a node whose Lease was renewed, though its status is old', seen(at(0), at(0)), at(30), at(70)],
  ])('%s', (_name, health, renewal, now) => {
    const check = checkNodeHealth(ready, health, lease(renewal), now, PERIODS);
    expect(check.update).toBeUndefined();
    expect(check.current?.status).toBe('True');
  });

  it('turns every kubelet condition Unknown once neither status nor Lease moved for the grace period', () => {
    const check = checkNodeHealth(ready, seen(at(0), at(0)), lease(at(0)), at(41), PERIODS);
    expect(check.observed.status).toBe('True');
    expect(check.current).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransitionTime: rfc3339(at(41)),
      lastHeartbeatTime: rfc3339(T0),
    });
    expect(check.update?.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'Ready=Unknown',
      'MemoryPressure=Unknown',
      'DiskPressure=Unknown',
      'PIDPressure=Unknown',
    ]);
    const added = check.update?.status?.conditions?.find((c) => c.type === 'DiskPressure');
    expect(added).toMatchObject({ reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
    expect(ready.status?.conditions?.[0]?.status).toBe('True');
  });

  it('waits the startup grace period for a node that never posted its status', () => {
    const fresh = node();
    const first = checkNodeHealth(fresh, undefined, undefined, at(1), PERIODS);
    expect(checkNodeHealth(fresh, first.health, undefined, at(59), PERIODS).update).toBeUndefined();
    const late = checkNodeHealth(fresh, first.health, undefined, at(61), PERIODS);
    expect(late.current).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated' });
  });

  it('writes nothing for a node already Unknown', () => {
    const unknown = checkNodeHealth(ready, seen(at(0), at(0)), lease(at(0)), at(41), PERIODS);
    const again = checkNodeHealth(unknown.update!, unknown.health, lease(at(0)), at(46), PERIODS);
    expect(again.update).toBeUndefined();
    expect(again.current?.status).toBe('Unknown');
  });
});

describe('renewedAfter', () => {
  it.each([
    ['a later second', '2024-05-01T00:00:01.000000Z', '2024-05-01T00:00:02.000000Z', true],
    ['a later microsecond', '2024-05-01T00:00:01.000001Z', '2024-05-01T00:00:01.000002Z', true],
    ['the same time', '2024-05-01T00:00:01.000001Z', '2024-05-01T00:00:01.000001Z', false],
    ['an earlier time', '2024-05-01T00:00:02.000000Z', '2024-05-01T00:00:01.000000Z', false],
  ])('says %s is a renewal: %s', (_name, before, after, renewed) => {
    expect(renewedAfter(before, after)).toBe(renewed);
  });
});
