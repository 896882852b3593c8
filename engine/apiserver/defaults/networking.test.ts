import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../api/object.ts';
import { setIngressClassDefaults, setNetworkPolicyDefaults } from './networking.ts';

const obj = (fields: Record<string, unknown>): KubeObject => ({ metadata: { name: 'x' }, ...fields });

describe('setNetworkPolicyDefaults', () => {
  it('writes an empty pod selector and an Ingress policy type for a bare policy', () => {
    const policy = obj({ spec: {} });
    setNetworkPolicyDefaults(policy);
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
  });

  it('adds Egress when there are egress rules and defaults port protocols to TCP', () => {
    const policy = obj({
      spec: {
        podSelector: { matchLabels: { app: 'web' } },
        egress: [{ ports: [{ port: 53 }, { port: 53, protocol: 'UDP' }] }],
      },
    });
    setNetworkPolicyDefaults(policy);
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      egress: [
        {
          ports: [
            { port: 53, protocol: 'TCP' },
            { port: 53, protocol: 'UDP' },
          ],
        },
      ],
      policyTypes: ['Ingress', 'Egress'],
    });
  });

  it('keeps policy types the user chose', () => {
    const policy = obj({ spec: { podSelector: {}, policyTypes: ['Egress'] } });
    setNetworkPolicyDefaults(policy);
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ['Egress'] });
  });
});

describe('setIngressClassDefaults', () => {
  it('scopes parameters to the cluster when no scope is given', () => {
    const ingressClass = obj({ spec: { controller: 'k8s.io/ingress-nginx', parameters: { kind: 'P', name: 'p' } } });
    setIngressClassDefaults(ingressClass);
    expect(ingressClass.spec).toEqual({
      controller: 'k8s.io/ingress-nginx',
      parameters: { kind: 'P', name: 'p', scope: 'Cluster' },
    });
  });
});
