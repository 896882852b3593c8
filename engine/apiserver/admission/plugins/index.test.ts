// Tests for the default admission chain: the order of its plugins and what a pod looks like after all of them.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { buildAdmissionChain } from './index.ts';
import type { AdmissionLookups } from './index.ts';
import { PODS, attributesFor, kubectlYaml, pod } from './test-attributes.ts';

const named = (objects: KubeObject[]) => async (name: string) => objects.find((o) => o.metadata.name === name);

function lookups(objects: { quotas?: KubeObject[]; limitRanges?: KubeObject[] } = {}): AdmissionLookups {
  const quotas = objects.quotas ?? [];
  return {
    getNamespace: named([{ metadata: { name: 'ns' }, status: { phase: 'Active' } }]),
    getServiceAccount: async (namespace, name) => (name === 'default' ? { metadata: { name, namespace } } : undefined),
    getPriorityClass: named([{ metadata: { name: 'system-node-critical' }, value: 2000001000 }]),
    listPriorityClasses: async () => [],
    listStorageClasses: async () => [],
    listLimitRanges: async () => objects.limitRanges ?? [],
    listResourceQuotas: async () => quotas,
    updateResourceQuotaStatus: async (quota) => {
      const stored = quotas.find((q) => q.metadata.name === quota.metadata.name);
      if (stored) stored.status = quota.status;
    },
    sleep: async () => {},
  };
}

/** The spec of a pod `kubectl run web --image=nginx` makes, as a real 1.32 cluster stores it (defaults aside). */
const REAL_CLUSTER_SPEC = `spec:
  containers:
  - image: nginx
    name: app
    resources: {}
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-VOLUME
      readOnly: true
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  serviceAccount: default
  serviceAccountName: default
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    operator: Exists
    tolerationSeconds: 300
  volumes:
  - name: kube-api-access-VOLUME
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
      - configMap:
          items:
          - key: ca.crt
            path: ca.crt
          name: kube-root-ca.crt
      - downwardAPI:
          items:
          - fieldRef:
              apiVersion: v1
              fieldPath: metadata.namespace
            path: namespace
`;

describe('buildAdmissionChain', () => {
  it('orders the plugins as kube-apiserver does, ResourceQuota last', () => {
    expect(buildAdmissionChain(lookups()).pluginNames).toEqual([
      'NamespaceLifecycle',
      'LimitRanger',
      'ServiceAccount',
      'Priority',
      'DefaultTolerationSeconds',
      'DefaultStorageClass',
      'ResourceQuota',
    ]);
  });

  it('makes a new pod look as a real cluster stores it', async () => {
    const chain = buildAdmissionChain(lookups());
    const a = attributesFor(PODS, pod());
    await chain.admit(a);
    await chain.validate(a);
    const yaml = kubectlYaml({ spec: a.object?.spec }).replace(
      /kube-api-access-[a-z0-9]{5}/g,
      'kube-api-access-VOLUME',
    );
    expect(yaml).toBe(REAL_CLUSTER_SPEC);
  });

  it('charges quota with the resources LimitRanger defaulted', async () => {
    const quota: KubeObject = { metadata: { name: 'compute', namespace: 'ns' }, spec: { hard: { 'limits.cpu': '2' } } };
    const limitRange: KubeObject = {
      metadata: { name: 'defaults', namespace: 'ns' },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }] },
    };
    const chain = buildAdmissionChain(lookups({ quotas: [quota], limitRanges: [limitRange] }));
    const a = attributesFor(PODS, pod());
    await chain.admit(a);
    await chain.validate(a);
    expect(quota.status).toEqual({ hard: { 'limits.cpu': '2' }, used: { 'limits.cpu': '500m' } });
  });

  it('refuses a pod in a missing namespace before looking for its ServiceAccount, as upstream does', async () => {
    let serviceAccountLookups = 0;
    const chain = buildAdmissionChain({
      ...lookups(),
      getServiceAccount: async () => void serviceAccountLookups++,
    });
    const a = attributesFor(PODS, pod({}, { namespace: 'missing' }));
    await expect(chain.admit(a)).rejects.toThrow('namespaces "missing" not found');
    expect(serviceAccountLookups).toBe(0);
  });
});
