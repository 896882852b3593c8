import { describe, expect, it } from 'vitest';
import type { Node, Taint } from '../../scheduler/framework/api-types.ts';
import type { PodSpec } from '../common/workload-types.ts';
import { DaemonPlacement, addOrUpdateDaemonPodTolerations } from './daemon-placement.ts';
import type { DaemonSet } from './daemonset-types.ts';

function node(labels: Record<string, string> = {}, taints: Taint[] = []): Node {
  return { metadata: { name: 'node-1', labels }, spec: { taints } };
}

function daemonSet(spec: PodSpec = {}): DaemonSet {
  return {
    metadata: { name: 'agent', namespace: 'default' },
    spec: { template: { spec: { containers: [{ name: 'agent' }], ...spec } } },
  };
}

describe('the tolerations every daemon pod gets', () => {
  it('tolerates node problems, pressure and cordoning, and keeps its own tolerations', () => {
    const spec: PodSpec = {
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'agents', effect: 'NoSchedule' }],
    };
    addOrUpdateDaemonPodTolerations(spec);
    expect(spec['tolerations']).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'agents', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  it('tolerates an unavailable network only with host networking', () => {
    const spec: PodSpec = { hostNetwork: true };
    addOrUpdateDaemonPodTolerations(spec);
    expect(spec['tolerations']).toContainEqual({
      key: 'node.kubernetes.io/network-unavailable',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
  });

  it('does not add a toleration twice', () => {
    const spec: PodSpec = {};
    addOrUpdateDaemonPodTolerations(spec);
    addOrUpdateDaemonPodTolerations(spec);
    expect(spec['tolerations']).toHaveLength(6);
  });
});

describe('whether a node should run a daemon pod', () => {
  const taint = (key: string, effect: string): Taint => ({ key, value: 'x', effect });

  it.each<[string, PodSpec, Node, boolean, boolean]>([
    ['a plain node', {}, node(), true, true],
    ['a cordoned node', {}, node({}, [taint('node.kubernetes.io/unschedulable', 'NoSchedule')]), true, true],
    ['a not-ready node', {}, node({}, [taint('node.kubernetes.io/not-ready', 'NoExecute')]), true, true],
    ['a control-plane node', {}, node({}, [taint('node-role.kubernetes.io/control-plane', 'NoSchedule')]), false, true],
    ['a node with a NoExecute taint', {}, node({}, [taint('maintenance', 'NoExecute')]), false, false],
    ['a node the selector picks', { nodeSelector: { disk: 'ssd' } }, node({ disk: 'ssd' }), true, true],
    ['a node the selector does not pick', { nodeSelector: { disk: 'ssd' } }, node({ disk: 'hdd' }), false, false],
    ['another node than spec.nodeName', { nodeName: 'node-2' }, node(), false, false],
    [
      'a node outside the required affinity',
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
            },
          },
        },
      },
      node({ zone: 'b' }),
      false,
      false,
    ],
    [
      'a tainted node the template tolerates',
      { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] },
      node({}, [taint('node-role.kubernetes.io/control-plane', 'NoSchedule')]),
      true,
      true,
    ],
  ])('%s: should run %s, may keep running %s', (_case, spec, target, shouldRun, shouldContinueRunning) => {
    expect(new DaemonPlacement(daemonSet(spec)).evaluate(target)).toEqual({ shouldRun, shouldContinueRunning });
  });
});
