import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { certificatesPrinters } from './certificates.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

function csr(spec: object, status: object = {}): KubeObject {
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name: 'jane', creationTimestamp: '2025-03-01T11:57:00Z' },
    spec: { request: 'LS0tLS1CRUdJTi...', username: 'kubernetes-admin', usages: ['client auth'], ...spec },
    status,
  };
}

const printer = certificatesPrinters.CertificateSigningRequest;

describe('certificateSigningRequestPrinter', () => {
  it('declares AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION', () => {
    expect(printer?.columns.map((c) => c.name)).toEqual([
      'Name',
      'Age',
      'SignerName',
      'Requestor',
      'RequestedDuration',
      'Condition',
    ]);
  });

  it.each([
    [
      'a pending request',
      csr({ signerName: 'kubernetes.io/kube-apiserver-client' }),
      ['jane', '3m', 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '<none>', 'Pending'],
    ],
    [
      'an approved and issued request with a duration',
      csr(
        { signerName: 'kubernetes.io/kube-apiserver-client', expirationSeconds: 86400 },
        { conditions: [{ type: 'Approved', status: 'True' }], certificate: 'LS0tLS1CRUdJTiBDRVJU' },
      ),
      ['jane', '3m', 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '24h', 'Approved,Issued'],
    ],
    [
      'a denied request that also failed, without a signer',
      csr({ expirationSeconds: 600 }, { conditions: [{ type: 'Approved' }, { type: 'Denied' }, { type: 'Failed' }] }),
      ['jane', '3m', '<none>', 'kubernetes-admin', '10m', 'Denied,Failed'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(printer?.row(obj, NOW)).toEqual(want);
  });
});
