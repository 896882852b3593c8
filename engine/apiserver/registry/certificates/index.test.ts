import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { prepareCertificateSigningRequestApproval, validateCertificateSigningRequestApproval } from './approval.ts';
import { certificatesResources } from './index.ts';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const ctx = (): StrategyContext => ({
  user: { username: 'jane', uid: 'u-1', groups: ['devs', 'system:authenticated'] },
  now: NOW,
  namespace: '',
  warnings: [],
});
const request = Buffer.from('-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n').toString(
  'base64',
);

describe('certificates.k8s.io resources', () => {
  const csrs = certificatesResources[0]!;
  const csr = (): KubeObject => ({
    metadata: { name: 'jane' },
    spec: {
      request,
      signerName: 'kubernetes.io/kube-apiserver-client',
      usages: ['client auth'],
      username: 'admin',
      groups: ['system:masters'],
    },
  });

  it('serves certificatesigningrequests as a real cluster discovers them', () => {
    expect(csrs).toMatchObject({
      group: 'certificates.k8s.io',
      version: 'v1',
      kind: 'CertificateSigningRequest',
      resource: 'certificatesigningrequests',
      singular: 'certificatesigningrequest',
      namespaced: false,
      shortNames: ['csr'],
    });
    expect(Object.keys(csrs.subresources ?? {}).sort()).toEqual(['approval', 'status']);
    expect(csrs.subresources?.approval).toEqual({
      responseKind: { group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest' },
      verbs: ['get', 'patch', 'update'],
    });
    expect(csrs.schema).toBe(definitionForGVK('certificates.k8s.io', 'v1', 'CertificateSigningRequest'));
    expect(csrs.validateName?.('Any Name: at all', false)).toEqual([]);
    expect(Object.keys(csrs.fieldSelectors ?? {})).toEqual(['spec.signerName']);
  });

  it('records who asked, not who the client claims to be', () => {
    const obj = csr();
    csrs.strategy.prepareForCreate?.(obj, ctx());
    expect(obj.spec).toMatchObject({ username: 'jane', uid: 'u-1', groups: ['devs', 'system:authenticated'] });
    expect(obj.status).toEqual({});
    expect(csrs.strategy.validate?.(obj, ctx())).toEqual([]);
  });

  it('approves through the approval sub-resource, stamping the condition', () => {
    const old: KubeObject = { ...csr(), status: {} };
    const approved: KubeObject = {
      ...csr(),
      spec: { ...(csr().spec as object), usages: ['server auth'] },
      status: { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove' }], certificate: 'forged' },
    };
    prepareCertificateSigningRequestApproval(approved, old, ctx());
    expect(approved.spec).toEqual(old.spec);
    expect(approved.status).toEqual({
      conditions: [
        {
          type: 'Approved',
          status: 'True',
          reason: 'KubectlApprove',
          lastUpdateTime: '2024-05-01T12:00:00Z',
          lastTransitionTime: '2024-05-01T12:00:00Z',
        },
      ],
    });
    expect(validateCertificateSigningRequestApproval(approved)).toEqual([]);
  });

  it('keeps approval out of status writes', () => {
    const old: KubeObject = { ...csr(), status: {} };
    const sneaky: KubeObject = { ...csr(), status: { conditions: [{ type: 'Approved', status: 'True' }] } };
    csrs.strategy.prepareForStatusUpdate?.(sneaky, old, ctx());
    expect(sneaky.status).toEqual({});
  });
});
