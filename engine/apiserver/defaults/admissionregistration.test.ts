import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../api/object.ts';
import {
  setMutatingWebhookConfigurationDefaults,
  setValidatingAdmissionPolicyBindingDefaults,
  setValidatingAdmissionPolicyDefaults,
  setValidatingWebhookConfigurationDefaults,
} from './admissionregistration.ts';

const hook = () => ({
  name: 'v.example.com',
  clientConfig: { service: { namespace: 'ns', name: 'svc' } },
  rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
  sideEffects: 'None',
  admissionReviewVersions: ['v1'],
});

describe('admissionregistration defaults', () => {
  it('fills a validating webhook as a 1.32 cluster stores it', () => {
    const config: KubeObject = { metadata: { name: 'c' }, webhooks: [hook()] };
    setValidatingWebhookConfigurationDefaults(config);
    expect(config.webhooks).toEqual([
      {
        ...hook(),
        clientConfig: { service: { namespace: 'ns', name: 'svc', port: 443 } },
        rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: '*' }],
        failurePolicy: 'Fail',
        matchPolicy: 'Equivalent',
        namespaceSelector: {},
        objectSelector: {},
        timeoutSeconds: 10,
      },
    ]);
  });

  it('never reinvokes a mutating webhook unless asked', () => {
    const config: KubeObject = { metadata: { name: 'c' }, webhooks: [hook()] };
    setMutatingWebhookConfigurationDefaults(config);
    expect(config.webhooks).toMatchObject([{ reinvocationPolicy: 'Never' }]);
  });

  it('makes a policy fail closed and match equivalent requests', () => {
    const policy: KubeObject = {
      metadata: { name: 'p' },
      spec: {
        matchConstraints: {
          resourceRules: [{ operations: ['*'], apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments'] }],
        },
      },
    };
    setValidatingAdmissionPolicyDefaults(policy);
    expect(policy.spec).toEqual({
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [
          { operations: ['*'], apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments'], scope: '*' },
        ],
        matchPolicy: 'Equivalent',
        namespaceSelector: {},
        objectSelector: {},
      },
    });
  });

  it("denies requests when a binding's parameter is missing", () => {
    const binding: KubeObject = {
      metadata: { name: 'b' },
      spec: { policyName: 'p', paramRef: { name: 'x' }, validationActions: ['Deny'] },
    };
    setValidatingAdmissionPolicyBindingDefaults(binding);
    expect(binding.spec).toEqual({
      policyName: 'p',
      paramRef: { name: 'x', parameterNotFoundAction: 'Deny' },
      validationActions: ['Deny'],
    });
  });
});
