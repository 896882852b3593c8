import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { networkingResources } from './index.ts';

const ctx = (): StrategyContext => ({
  user: { username: 'alice', groups: [] },
  now: 0,
  namespace: 'default',
  warnings: [],
});
const byResource = (resource: string) => networkingResources.find((d) => d.resource === resource)!;

describe('networking.k8s.io resources', () => {
  const discovery: [string, string, boolean, string[] | undefined, string[]][] = [
    ['ingressclasses', 'IngressClass', false, undefined, []],
    ['ingresses', 'Ingress', true, ['ing'], ['status']],
    ['networkpolicies', 'NetworkPolicy', true, ['netpol'], []],
  ];
  it.each(discovery)(
    'serves %s as a real cluster discovers it',
    (resource, kind, namespaced, shortNames, subresources) => {
      const d = byResource(resource);
      expect(d).toMatchObject({
        group: 'networking.k8s.io',
        version: 'v1',
        kind,
        listKind: `${kind}List`,
        singular: kind.toLowerCase(),
        namespaced,
      });
      expect(d.shortNames).toEqual(shortNames);
      expect(d.categories).toBeUndefined();
      expect([...d.verbs].sort()).toEqual([
        'create',
        'delete',
        'deletecollection',
        'get',
        'list',
        'patch',
        'update',
        'watch',
      ]);
      expect(Object.keys(d.subresources ?? {})).toEqual(subresources);
      expect(d.schema).toBe(definitionForGVK('networking.k8s.io', 'v1', kind));
      expect(d.strategy.tracksGeneration).toBe(true);
    },
  );

  it('stores ingresses under /registry/ingress', () => {
    expect(byResource('ingresses').storagePrefix).toBe('ingress');
    expect(byResource('networkpolicies').storagePrefix).toBeUndefined();
  });

  it('starts an ingress with an empty load balancer status, whatever the client sent', () => {
    const ingress: KubeObject = {
      metadata: { name: 'web' },
      spec: {},
      status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
    };
    byResource('ingresses').strategy.prepareForCreate?.(ingress, ctx());
    expect(ingress.status).toEqual({ loadBalancer: {} });
  });

  it('warns when an ingress still uses the class annotation', () => {
    const context = ctx();
    const ingress: KubeObject = {
      metadata: { name: 'web', annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
      spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
    };
    expect(byResource('ingresses').strategy.validate?.(ingress, context)).toEqual([]);
    expect(context.warnings).toEqual([
      'annotation "kubernetes.io/ingress.class" is deprecated, please use \'spec.ingressClassName\' instead',
    ]);
  });

  it('defaults and validates a network policy as it is stored', () => {
    const policy: KubeObject = { metadata: { name: 'deny' }, spec: {} };
    const { strategy } = byResource('networkpolicies');
    strategy.defaults?.(policy);
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(strategy.validate?.(policy, ctx())).toEqual([]);
  });
});
