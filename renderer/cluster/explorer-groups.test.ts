import { describe, expect, it } from 'vitest';
import type { ApiResourceInfo } from '../../engine/protocol/host-api.ts';
import { explorerSections } from './explorer-groups.ts';

const r = (
  group: string,
  version: string,
  resource: string,
  kind: string,
  verbs = ['list', 'watch'],
): ApiResourceInfo => ({
  group,
  version,
  resource,
  kind,
  namespaced: true,
  verbs,
  shortNames: [],
  categories: [],
});

describe('the explorer sections', () => {
  const sections = explorerSections([
    r('apps', 'v1', 'deployments', 'Deployment'),
    r('', 'v1', 'pods', 'Pod'),
    r('', 'v1', 'pods/log', 'Pod', ['get']),
    r('', 'v1', 'nodes', 'Node'),
    r('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler'),
    r('autoscaling', 'v1', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler'),
    r('', 'v1', 'events', 'Event'),
    r('events.k8s.io', 'v1', 'events', 'Event'),
    r('lab.kubelab.io', 'v1alpha1', 'schedulingdecisions', 'SchedulingDecision', ['get', 'list']),
    r('', 'v1', 'bindings', 'Binding', ['create']),
  ]);

  it('puts resources in fixed sections, in their order, subresources and unlistable ones left out', () => {
    expect(sections.map((s) => [s.id, s.resources.map((x) => `${x.group}/${x.version}/${x.resource}`)])).toEqual([
      ['cluster', ['/v1/nodes']],
      ['workloads', ['/v1/pods', 'apps/v1/deployments']],
      ['events', ['/v1/events']],
      ['lab', ['lab.kubelab.io/v1alpha1/schedulingdecisions']],
      ['other', ['autoscaling/v2/horizontalpodautoscalers']],
    ]);
  });
});
