import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { podStrategy, podsResource } from './pods.ts';

function ctx(): StrategyContext {
  return { user: { username: 'admin', groups: [] }, now: 0, namespace: 'default', warnings: [] };
}

function newPod(spec: Record<string, unknown>, name = 'web'): KubeObject {
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec,
  };
  podStrategy.defaults?.(pod);
  podStrategy.prepareForCreate?.(pod, ctx());
  return pod;
}

describe('pod strategy', () => {
  it('starts a pod Pending with its QoS class', () => {
    const pod = newPod({
      containers: [{ name: 'a', image: 'nginx', resources: { limits: { cpu: '1', memory: '1Gi' } } }],
    });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it('marks a gated pod as not scheduled', () => {
    const pod = newPod({
      containers: [{ name: 'a', image: 'nginx' }],
      schedulingGates: [{ name: 'example.com/wait' }],
    });
    expect(pod.status).toMatchObject({
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    });
  });

  it('turns matchLabelKeys into requirements on the pod labels', () => {
    const term = {
      topologyKey: 'kubernetes.io/hostname',
      labelSelector: { matchLabels: { tier: 'fe' } },
      matchLabelKeys: ['app'],
    };
    const pod = newPod({
      containers: [{ name: 'a', image: 'nginx' }],
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } },
    });
    expect(pod.spec).toMatchObject({
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } },
          ],
        },
      },
    });
  });

  it('warns when the name is not a DNS label', () => {
    const context = ctx();
    const pod = newPod({ containers: [{ name: 'a', image: 'nginx' }] }, 'web.v1');
    expect(podStrategy.validate?.(pod, context)).toEqual([]);
    expect(context.warnings).toEqual([
      "metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
    ]);
  });

  it.each([
    ['an unscheduled pod is deleted at once', {}, {}, undefined, 0],
    ['a scheduled pod waits its grace period', { nodeName: 'node-1' }, { phase: 'Running' }, undefined, 30],
    ['a requested grace period wins', { nodeName: 'node-1' }, { phase: 'Running' }, 5, 5],
    ['a finished pod is deleted at once', { nodeName: 'node-1' }, { phase: 'Succeeded' }, undefined, 0],
    ['a negative grace period becomes one second', { nodeName: 'node-1' }, { phase: 'Running' }, -5, 1],
  ])('%s', (_name, spec, status, requested, expected) => {
    const pod = newPod({ containers: [{ name: 'a', image: 'nginx' }], ...spec });
    pod.status = status;
    expect(podStrategy.gracefulDeletion?.(pod, requested)).toBe(expected);
  });

  it('selects pods by node and phase', () => {
    const pod = newPod({ containers: [{ name: 'a', image: 'nginx' }], nodeName: 'node-1' });
    expect(podsResource.fieldSelectors?.['spec.nodeName']?.(pod)).toBe('node-1');
    expect(podsResource.fieldSelectors?.['status.phase']?.(pod)).toBe('Pending');
    expect(podsResource.fieldSelectors?.['spec.hostNetwork']?.(pod)).toBe('false');
  });
});
