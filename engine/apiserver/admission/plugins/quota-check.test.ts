// Tests for checking a request against a namespace's quotas.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import type { AdmissionAttributes } from '../admission.ts';
import { checkQuotaRequest } from './quota-check.ts';
import { quotaEvaluatorFor } from './quota-evaluators.ts';
import { attributesFor } from './test-attributes.ts';

const CLAIMS = { resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim' };
const claims = quotaEvaluatorFor('', 'persistentvolumeclaims');

const quota = (name: string, hard: Record<string, string>, used?: Record<string, string>): KubeObject => ({
  metadata: { name, namespace: 'ns', resourceVersion: '3' },
  spec: { hard },
  ...(used ? { status: { hard, used } } : {}),
});

const claim = (storage: string, resourceVersion?: string): KubeObject => ({
  metadata: { name: 'data', namespace: 'ns', ...(resourceVersion ? { resourceVersion } : {}) },
  spec: { storageClassName: 'fast', resources: { requests: { storage } } },
});

const usedAfter = (quotas: KubeObject[], a: AdmissionAttributes) =>
  checkQuotaRequest(quotas, a, claims).map((q) => [q.metadata.name, (q.status as { used: unknown }).used]);

describe('checkQuotaRequest', () => {
  it('charges every covering quota and leaves out those that do not limit the object', () => {
    const quotas = [
      quota('storage', { 'requests.storage': '100Gi' }),
      quota('fast', { 'fast.storageclass.storage.k8s.io/persistentvolumeclaims': '2' }),
      quota('pods', { pods: '10' }),
    ];
    expect(usedAfter(quotas, attributesFor(CLAIMS, claim('10Gi')))).toEqual([
      ['storage', { 'requests.storage': '10Gi' }],
      ['fast', { 'fast.storageclass.storage.k8s.io/persistentvolumeclaims': '1' }],
    ]);
  });

  it.each<[string, string, string | undefined, unknown[]]>([
    ['charges only the growth of a resized claim', '15Gi', '7', [['storage', { 'requests.storage': '25Gi' }]]],
    ['charges nothing for a claim that shrinks', '5Gi', '7', []],
    ['charges a create-on-update in full', '15Gi', undefined, [['storage', { 'requests.storage': '35Gi' }]]],
  ])('%s', (_name, size, oldVersion, expected) => {
    const quotas = [quota('storage', { 'requests.storage': '100Gi' }, { 'requests.storage': '20Gi' })];
    const a = attributesFor(CLAIMS, claim(size), { operation: 'UPDATE', oldObject: claim('10Gi', oldVersion) });
    expect(usedAfter(quotas, a)).toEqual(expected);
  });

  it('refuses with the first quota the request exceeds', () => {
    const quotas = [
      quota('storage', { 'requests.storage': '100Gi' }, { 'requests.storage': '95Gi' }),
      quota('count', { persistentvolumeclaims: '0' }),
    ];
    expect(() => checkQuotaRequest(quotas, attributesFor(CLAIMS, claim('10Gi')), claims)).toThrow(
      'persistentvolumeclaims "data" is forbidden: exceeded quota: storage, requested: requests.storage=10Gi, ' +
        'used: requests.storage=95Gi, limited: requests.storage=100Gi',
    );
  });
});
