import { describe, expect, it } from 'vitest';
import type { Node } from '../../scheduler/framework/api-types.ts';
import type { IntOrString, Pod } from '../common/workload-types.ts';
import { DaemonPlacement } from './daemon-placement.ts';
import { computeDaemonSetCounts } from './daemonset-status.ts';
import type { DaemonSet } from './daemonset-types.ts';
import { planRollingUpdate } from './rolling-update.ts';

const NOW = Date.parse('2024-05-01T00:10:00Z');
const NODES: Node[] = ['n1', 'n2', 'n3'].map((name) => ({ metadata: { name } }));

function daemonSet(maxUnavailable: IntOrString, maxSurge: IntOrString = 0): DaemonSet {
  return {
    metadata: { name: 'agent', namespace: 'default', generation: 2 },
    spec: {
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } },
      template: { spec: { containers: [{ name: 'agent' }] } },
    },
  };
}

/** A daemon pod on `node` of revision `hash`; available when ready. */
function pod(name: string, node: string, hash: string, ready: boolean): Pod {
  return {
    metadata: { name, labels: { 'controller-revision-hash': hash }, creationTimestamp: '2024-05-01T00:00:00Z' },
    spec: { nodeName: node },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2024-05-01T00:00:00Z' }],
    },
  };
}

function byNode(pods: Pod[]): Map<string, Pod[]> {
  const map = new Map<string, Pod[]>();
  for (const p of pods) map.set(p.spec?.nodeName ?? '', [...(map.get(p.spec?.nodeName ?? '') ?? []), p]);
  return map;
}

function plan(ds: DaemonSet, pods: Pod[]) {
  return planRollingUpdate(ds, NODES, byNode(pods), 'new', new DaemonPlacement(ds), NOW);
}

describe('a DaemonSet rolling update without surge', () => {
  it.each<[string, IntOrString, Pod[], string[]]>([
    [
      'deletes one old pod when all are available',
      1,
      [pod('a', 'n1', 'old', true), pod('b', 'n2', 'old', true), pod('c', 'n3', 'old', true)],
      ['a'],
    ],
    [
      'deletes as many old pods as maxUnavailable allows',
      2,
      [pod('a', 'n1', 'old', true), pod('b', 'n2', 'old', true), pod('c', 'n3', 'old', true)],
      ['a', 'b'],
    ],
    [
      'waits while an updated pod is not available yet',
      1,
      [pod('a', 'n1', 'new', false), pod('b', 'n2', 'old', true), pod('c', 'n3', 'old', true)],
      [],
    ],
    [
      'replaces an unavailable old pod at once, and counts it',
      1,
      [pod('a', 'n1', 'old', false), pod('b', 'n2', 'old', true), pod('c', 'n3', 'old', true)],
      ['a'],
    ],
    [
      'reads a percentage of the nodes, rounded up',
      '50%',
      [pod('a', 'n1', 'old', true), pod('b', 'n2', 'old', true), pod('c', 'n3', 'old', true)],
      ['a', 'b'],
    ],
    ['treats a node with no pod yet as unavailable', 1, [pod('b', 'n2', 'old', true), pod('c', 'n3', 'old', true)], []],
  ])('%s', (_case, maxUnavailable, pods, deleted) => {
    expect(plan(daemonSet(maxUnavailable), pods)).toEqual({ podsToDelete: deleted, nodesToCreate: [] });
  });
});

describe('a DaemonSet rolling update with surge', () => {
  it('starts a new pod next to old ones, up to maxSurge', () => {
    const pods = [pod('a', 'n1', 'old', true), pod('b', 'n2', 'old', true), pod('c', 'n3', 'old', true)];
    expect(plan(daemonSet(0, 2), pods)).toEqual({ podsToDelete: [], nodesToCreate: ['n1', 'n2'] });
  });

  it('deletes the old pod once the new one next to it is available, and surges no further meanwhile', () => {
    const pods = [
      pod('a', 'n1', 'old', true),
      pod('a2', 'n1', 'new', true),
      pod('b', 'n2', 'old', true),
      pod('b2', 'n2', 'new', false),
      pod('c', 'n3', 'old', true),
    ];
    expect(plan(daemonSet(0, 1), pods)).toEqual({ podsToDelete: ['a'], nodesToCreate: [] });
  });
});

describe('the status counts of a DaemonSet', () => {
  it('counts nodes with a pod, ready, available, updated, and pods where none should run', () => {
    const ds = daemonSet(1);
    ds.spec!.template!.spec!['nodeSelector'] = { role: 'worker' };
    const nodes: Node[] = [
      { metadata: { name: 'n1', labels: { role: 'worker' } } },
      { metadata: { name: 'n2', labels: { role: 'worker' } } },
      { metadata: { name: 'n3', labels: { role: 'db' } } },
    ];
    const pods = byNode([pod('a', 'n1', 'new', true), pod('b', 'n2', 'old', false), pod('c', 'n3', 'new', true)]);
    expect(computeDaemonSetCounts(ds, nodes, pods, 'new', new DaemonPlacement(ds), NOW)).toEqual({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberMisscheduled: 1,
      numberReady: 1,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
      numberUnavailable: 1,
    });
  });
});
