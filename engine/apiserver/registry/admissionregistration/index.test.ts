import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { admissionregistrationResources } from './index.ts';

const ctx = (): StrategyContext => ({ user: { username: 'u', groups: [] }, now: 0, namespace: '', warnings: [] });
const byResource = (resource: string) => admissionregistrationResources.find((d) => d.resource === resource)!;

describe('admissionregistration.k8s.io resources', () => {
  const discovery: [string, string, string[]][] = [
    ['mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', []],
    ['validatingadmissionpolicies', 'ValidatingAdmissionPolicy', ['status']],
    ['validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', []],
    ['validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', []],
  ];
  it.each(discovery)('serves %s as a real cluster discovers it', (resource, kind, subresources) => {
    const d = byResource(resource);
    expect(d).toMatchObject({
      group: 'admissionregistration.k8s.io',
      version: 'v1',
      kind,
      listKind: `${kind}List`,
      singular: kind.toLowerCase(),
      namespaced: false,
    });
    expect(d.shortNames).toBeUndefined();
    expect(d.categories).toEqual(['api-extensions']);
    expect(Object.keys(d.subresources ?? {})).toEqual(subresources);
    expect(d.schema).toBe(definitionForGVK('admissionregistration.k8s.io', 'v1', kind));
    expect(d.strategy.tracksGeneration).toBe(true);
  });

  it('defaults a webhook configuration from a typical manifest into one that validates', () => {
    const config: KubeObject = {
      metadata: { name: 'pod-policy' },
      webhooks: [
        {
          name: 'pod-policy.example.com',
          rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
          clientConfig: { service: { namespace: 'webhooks', name: 'pod-policy' } },
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
        },
      ],
    };
    const { strategy } = byResource('validatingwebhookconfigurations');
    strategy.defaults?.(config);
    expect(strategy.validate?.(config, ctx())).toEqual([]);
  });

  it('starts a policy with an empty status', () => {
    const policy: KubeObject = { metadata: { name: 'p' }, spec: {}, status: { observedGeneration: 3 } };
    byResource('validatingadmissionpolicies').strategy.prepareForCreate?.(policy, ctx());
    expect(policy.status).toEqual({});
  });
});
