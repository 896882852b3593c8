import { describe, expect, it } from 'vitest';
import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import { appsResources } from './index.ts';

describe('apps resources in discovery', () => {
  it.each<[string, string[] | undefined, string[] | undefined, string[], boolean]>([
    ['deployments', ['deploy'], ['all'], ['scale', 'status'], true],
    ['replicasets', ['rs'], ['all'], ['scale', 'status'], true],
    ['statefulsets', ['sts'], ['all'], ['scale', 'status'], true],
    ['daemonsets', ['ds'], ['all'], ['status'], true],
    ['controllerrevisions', undefined, undefined, [], false],
  ])(
    '%s is listed as a real 1.32 cluster lists it',
    (resource, shortNames, categories, subresources, tracksGeneration) => {
      const def = appsResources.find((d) => d.resource === resource);
      expect(def?.group).toBe('apps');
      expect(def?.shortNames).toEqual(shortNames);
      expect(def?.categories).toEqual(categories);
      expect(Object.keys(def?.subresources ?? {}).sort()).toEqual(subresources);
      expect(def?.strategy.tracksGeneration ?? false).toBe(tracksGeneration);
      expect(definitionForGVK('apps', 'v1', def?.kind ?? '')).toBe(def?.schema);
    },
  );

  it('scales through spec.replicas and reports status.replicas', () => {
    for (const def of appsResources.filter((d) => d.subresources?.scale)) {
      expect(def.scale).toEqual({
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.spec.selector',
      });
      expect(def.subresources?.scale?.responseKind).toEqual({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    }
  });
});

describe('daemon set template generation', () => {
  const ds = appsResources.find((d) => d.resource === 'daemonsets');
  const ctx = { user: { username: 'u', groups: [] }, now: 0, namespace: 'default', warnings: [] };
  const template = { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent:1' }] } };

  it('starts at 1 and counts template changes only', () => {
    const created: KubeObject = { metadata: { name: 'agent' }, spec: { template: structuredClone(template) } };
    ds?.strategy.prepareForCreate?.(created, ctx);
    expect(created.metadata).toEqual({
      name: 'agent',
      annotations: { 'deprecated.daemonset.template.generation': '1' },
    });
    const changed: KubeObject = {
      metadata: { name: 'agent' },
      spec: { template: { ...template, spec: { containers: [{ name: 'a', image: 'agent:2' }] } } },
    };
    ds?.strategy.prepareForUpdate?.(changed, created, ctx);
    expect(changed.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '2' });
    const unchanged: KubeObject = {
      metadata: { name: 'agent', annotations: {} },
      spec: { template: structuredClone(template) },
    };
    ds?.strategy.prepareForUpdate?.(unchanged, created, ctx);
    expect(unchanged.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
  });
});
