import { describe, expect, it } from 'vitest';
import { nodeSummary, podSummary, taintText } from './pod-status.ts';

describe('a pod at a glance', () => {
  it.each([
    [
      'a running pod is Running',
      { status: { phase: 'Running', containerStatuses: [{ ready: true, state: {} }] } },
      'Running',
    ],
    [
      'a waiting container names the status',
      {
        status: {
          phase: 'Running',
          containerStatuses: [{ ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
        },
      },
      'CrashLoopBackOff',
    ],
    [
      'a pending pod whose image is pulled is ContainerCreating',
      { status: { phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }] } },
      'ContainerCreating',
    ],
    [
      'an init container that runs shows Init:n/m',
      { status: { phase: 'Pending', initContainerStatuses: [{ state: { running: {} } }, { state: {} }] } },
      'Init:0/2',
    ],
    [
      'a pod being deleted is Terminating',
      { metadata: { deletionTimestamp: 'x' }, status: { phase: 'Running' } },
      'Terminating',
    ],
    [
      'a finished pod keeps its phase',
      { status: { phase: 'Succeeded', containerStatuses: [{ state: { terminated: { reason: 'Completed' } } }] } },
      'Succeeded',
    ],
  ])('%s', (_name, object, status) => {
    expect(podSummary(object).status).toBe(status);
  });

  it('counts restarts and ready containers', () => {
    const summary = podSummary({
      metadata: { name: 'p', namespace: 'ns' },
      spec: { nodeName: 'node-1', containers: [{}, {}] },
      status: {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 2 },
          { ready: false, restartCount: 1 },
        ],
      },
    });
    expect(summary).toMatchObject({ name: 'p', namespace: 'ns', restarts: 3, ready: '1/2', nodeName: 'node-1' });
  });
});

describe('a node at a glance', () => {
  it('shows readiness, cordon, taints and roles', () => {
    const summary = nodeSummary({
      metadata: { name: 'cp', labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      status: { conditions: [{ type: 'Ready', status: 'False' }] },
    });
    expect(summary).toMatchObject({ name: 'cp', ready: false, unschedulable: true, roles: ['control-plane'] });
    expect(summary.taints.map(taintText)).toEqual(['node-role.kubernetes.io/control-plane:NoSchedule']);
    expect(taintText({ key: 'k', value: 'v', effect: 'NoExecute' })).toBe('k=v:NoExecute');
  });
});
