import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { namespacesResource } from './namespaces.ts';

const ctx: StrategyContext = { user: { username: 'admin', groups: [] }, now: 0, namespace: '', warnings: [] };
const strategy = namespacesResource.strategy;

describe('namespace strategy', () => {
  it('creates an Active namespace with the kubernetes finalizer and its name label', () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } };
    strategy.defaults?.(ns);
    strategy.prepareForCreate?.(ns, ctx);
    expect(ns).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('keeps spec.finalizers on a main-resource update', () => {
    const old: KubeObject = {
      metadata: { name: 'dev' },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
    const next: KubeObject = { metadata: { name: 'dev' }, spec: {} };
    strategy.prepareForUpdate?.(next, old, ctx);
    expect(next.spec).toEqual({ finalizers: ['kubernetes'] });
  });

  it('validates names as DNS labels and lists by name and phase', () => {
    expect(namespacesResource.validateName?.('team.a', false)).toEqual(['must not contain dots']);
    const ns: KubeObject = { metadata: { name: 'dev' }, status: { phase: 'Terminating' } };
    expect(namespacesResource.fieldSelectors?.['status.phase']?.(ns)).toBe('Terminating');
    expect(namespacesResource.fieldSelectors?.name?.(ns)).toBe('dev');
  });
});
