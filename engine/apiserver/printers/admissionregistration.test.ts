import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { admissionRegistrationPrinters } from './admissionregistration.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const object = (kind: string, fields: Record<string, unknown>): KubeObject => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind,
  metadata: { name: 'policy', creationTimestamp: '2025-03-01T11:30:00Z' },
  ...fields,
});

const printer = (kind: string) => {
  const found = admissionRegistrationPrinters[kind];
  if (!found) throw new Error(`no printer for ${kind}`);
  return found;
};

describe('admissionRegistrationPrinters', () => {
  it.each([
    ['MutatingWebhookConfiguration', ['Name', 'Webhooks', 'Age']],
    ['ValidatingWebhookConfiguration', ['Name', 'Webhooks', 'Age']],
    ['ValidatingAdmissionPolicy', ['Name', 'Validations', 'ParamKind', 'Age']],
    ['ValidatingAdmissionPolicyBinding', ['Name', 'PolicyName', 'ParamRef', 'Age']],
  ])('declares the columns of a %s', (kind, names) => {
    expect(printer(kind).columns.map((c) => c.name)).toEqual(names);
  });

  it.each([
    [
      'a mutating webhook configuration',
      object('MutatingWebhookConfiguration', { webhooks: [{ name: 'a.example.com' }, { name: 'b.example.com' }] }),
      ['policy', 2, '30m'],
    ],
    [
      'a validating webhook configuration without webhooks',
      object('ValidatingWebhookConfiguration', {}),
      ['policy', 0, '30m'],
    ],
    [
      'a policy with a param kind',
      object('ValidatingAdmissionPolicy', {
        spec: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'true' }] },
      }),
      ['policy', 1, 'v1/ConfigMap', '30m'],
    ],
    [
      'a policy without params',
      object('ValidatingAdmissionPolicy', { spec: { validations: [] } }),
      ['policy', 0, '<unset>', '30m'],
    ],
    [
      'a binding to a named parameter',
      object('ValidatingAdmissionPolicyBinding', {
        spec: { policyName: 'max-replicas', paramRef: { name: 'limits', namespace: 'prod' } },
      }),
      ['policy', 'max-replicas', 'prod/limits', '30m'],
    ],
    [
      'a binding to a parameter in any namespace',
      object('ValidatingAdmissionPolicyBinding', {
        spec: { policyName: 'max-replicas', paramRef: { name: 'limits' } },
      }),
      ['policy', 'max-replicas', '*/limits', '30m'],
    ],
    [
      'a binding to parameters picked by a selector',
      object('ValidatingAdmissionPolicyBinding', {
        spec: { policyName: 'max-replicas', paramRef: { selector: { matchLabels: { tier: 'prod' } } } },
      }),
      [
        'policy',
        'max-replicas',
        '&LabelSelector{MatchLabels:map[string]string{tier: prod,},MatchExpressions:[]LabelSelectorRequirement{},}',
        '30m',
      ],
    ],
    [
      'a binding without parameters',
      object('ValidatingAdmissionPolicyBinding', { spec: { policyName: 'max-replicas' } }),
      ['policy', 'max-replicas', '<unset>', '30m'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(printer(obj.kind ?? '').row(obj, NOW)).toEqual(want);
  });
});
