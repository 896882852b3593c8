// Tests for the ServiceAccount admission plugin.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { StatusError } from '../../errors/status-error.ts';
import type { AdmissionAttributes } from '../admission.ts';
import { ServiceAccount } from './service-account.ts';
import { PODS, attributesFor, kubectlYaml, pod } from './test-attributes.ts';

/** `kubectl get pod -o yaml` of a pod admitted with the default ServiceAccount, as real clusters print it. */
const REAL_CLUSTER_VOLUMES = `volumes:
- name: kube-api-access-shmkx
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
const REAL_CLUSTER_MOUNTS = `volumeMounts:
- mountPath: /var/run/secrets/kubernetes.io/serviceaccount
  name: kube-api-access-shmkx
  readOnly: true
`;

const TOKEN_MOUNT = {
  name: 'kube-api-access-shmkx',
  readOnly: true,
  mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
};

const serviceAccount = (name: string, fields: Record<string, unknown> = {}, annotations?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace: 'ns', ...(annotations ? { annotations } : {}) },
  ...fields,
});

/** A plugin over the given ServiceAccounts of namespace `ns`, counting lookups and waits. */
function plugin(accounts: KubeObject[], options: { appearsAfter?: number } = {}) {
  const calls = { lookups: 0, sleeps: 0 };
  const admission = new ServiceAccount({
    getServiceAccount: async (namespace, name) => {
      calls.lookups++;
      if (options.appearsAfter !== undefined && calls.lookups <= options.appearsAfter) return undefined;
      return accounts.find((sa) => sa.metadata.namespace === namespace && sa.metadata.name === name);
    },
    sleep: async () => void calls.sleeps++,
    generateName: (prefix) => `${prefix}shmkx`,
  });
  return { admission, calls };
}

async function admitted(object: KubeObject, accounts: KubeObject[] = [serviceAccount('default')]) {
  await plugin(accounts).admission.admit(attributesFor(PODS, object));
  return object.spec as Record<string, unknown> & { containers: Record<string, unknown>[] };
}

async function refusal(promise: Promise<void>): Promise<StatusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StatusError);
  return error as StatusError;
}

describe('ServiceAccount admission', () => {
  it('runs a pod as the default ServiceAccount, naming it in both fields', async () => {
    const spec = await admitted(pod());
    expect([spec.serviceAccountName, spec.serviceAccount]).toEqual(['default', 'default']);
  });

  it('mounts the token volume exactly as a real cluster shows it', async () => {
    const spec = await admitted(pod());
    expect(kubectlYaml({ volumes: spec.volumes })).toBe(REAL_CLUSTER_VOLUMES);
    expect(kubectlYaml({ volumeMounts: spec.containers[0]?.volumeMounts })).toBe(REAL_CLUSTER_MOUNTS);
  });

  it('names the volume kube-api-access- and five random characters by default', async () => {
    const object = pod();
    await new ServiceAccount({
      getServiceAccount: async () => serviceAccount('default'),
      sleep: async () => {},
    }).admit(attributesFor(PODS, object));
    expect((object.spec as { volumes: { name: string }[] }).volumes[0]?.name).toMatch(
      /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/,
    );
  });

  it('mounts the token in every init container and container, after their own mounts', async () => {
    const own = { name: 'data', mountPath: '/data' };
    const spec = await admitted(
      pod({
        initContainers: [{ name: 'init', image: 'busybox' }],
        containers: [
          { name: 'a', image: 'nginx', volumeMounts: [own] },
          { name: 'b', image: 'nginx' },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      }),
    );
    expect((spec.initContainers as Record<string, unknown>[])[0]?.volumeMounts).toEqual([TOKEN_MOUNT]);
    expect(spec.containers.map((c) => c.volumeMounts)).toEqual([[own, TOKEN_MOUNT], [TOKEN_MOUNT]]);
    expect((spec.volumes as { name: string }[]).map((v) => v.name)).toEqual(['data', 'kube-api-access-shmkx']);
  });

  it('never mounts the token twice when a pod is admitted again', async () => {
    const object = pod();
    await admitted(object);
    const spec = await admitted(object);
    expect(spec.volumes).toHaveLength(1);
    expect(spec.containers[0]?.volumeMounts).toEqual([TOKEN_MOUNT]);
  });

  it('leaves a container that mounts something at the token path alone, and adds no volume for it', async () => {
    const own = { name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    const spec = await admitted(pod({ containers: [{ name: 'a', image: 'nginx', volumeMounts: [own] }] }));
    expect(spec.containers[0]?.volumeMounts).toEqual([own]);
    expect(spec.volumes).toBeUndefined();
  });

  it('reuses a kube-api-access volume the pod already has', async () => {
    const volume = { name: 'kube-api-access-abcde', projected: { sources: [] } };
    const spec = await admitted(pod({ volumes: [volume] }));
    expect(spec.volumes).toEqual([volume]);
    expect(spec.containers[0]?.volumeMounts).toEqual([{ ...TOKEN_MOUNT, name: 'kube-api-access-abcde' }]);
  });

  it.each<[string, boolean | undefined, boolean | undefined, boolean]>([
    ['mounts the token when nobody says otherwise', undefined, undefined, true],
    ['mounts no token when the pod turns automounting off', false, undefined, false],
    ['mounts no token when the ServiceAccount turns automounting off', undefined, false, false],
    ['lets the pod’s choice win over the ServiceAccount’s', true, false, true],
    ['lets the pod turn automounting off for a ServiceAccount that wants it', false, true, false],
  ])('%s', async (_name, onPod, onAccount, mounted) => {
    const account = serviceAccount(
      'default',
      onAccount === undefined ? {} : { automountServiceAccountToken: onAccount },
    );
    const spec = await admitted(pod(onPod === undefined ? {} : { automountServiceAccountToken: onPod }), [account]);
    expect(spec.volumes !== undefined).toBe(mounted);
    expect(spec.containers[0]?.volumeMounts !== undefined).toBe(mounted);
  });

  it.each<[string, unknown, unknown]>([
    ['copies the ServiceAccount’s image pull secrets to a pod without any', undefined, [{ name: 'registry' }]],
    ['keeps a pod’s own image pull secrets', [{ name: 'mine' }], [{ name: 'mine' }]],
  ])('%s', async (_name, own, expected) => {
    const account = serviceAccount('default', { imagePullSecrets: [{ name: 'registry' }] });
    const spec = await admitted(pod(own ? { imagePullSecrets: own } : {}), [account]);
    expect(spec.imagePullSecrets).toEqual(expected);
  });

  it('refuses a pod whose ServiceAccount does not exist, with upstream’s message', async () => {
    const { admission } = plugin([serviceAccount('default')]);
    const error = await refusal(
      admission.admit(attributesFor(PODS, pod({ serviceAccountName: 'builder', serviceAccount: 'builder' }))),
    );
    expect(error.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'pods "web" is forbidden: error looking up service account ns/builder: serviceaccount "builder" not found',
      reason: 'Forbidden',
      details: { name: 'web', kind: 'pods' },
      code: 403,
    });
  });

  it('names a pod by its generateName while it has no name yet', async () => {
    const { admission } = plugin([]);
    const object = pod({ serviceAccountName: 'builder' }, { name: undefined, generateName: 'web-' });
    const error = await refusal(admission.admit(attributesFor(PODS, object)));
    expect(error.message).toMatch(/^pods "web-" is forbidden: /);
  });

  it('waits for the default ServiceAccount its controller is about to create', async () => {
    const { admission, calls } = plugin([serviceAccount('default')], { appearsAfter: 3 });
    const object = pod();
    await admission.admit(attributesFor(PODS, object));
    expect((object.spec as { serviceAccountName: string }).serviceAccountName).toBe('default');
    expect(calls.sleeps).toBe(3);
  });

  it('gives up on the default ServiceAccount after ten lookups', async () => {
    const { admission, calls } = plugin([]);
    const error = await refusal(admission.admit(attributesFor(PODS, pod())));
    expect(error.message).toBe(
      'pods "web" is forbidden: error looking up service account ns/default: serviceaccount "default" not found',
    );
    expect(calls.lookups).toBe(10);
  });

  it('looks a named ServiceAccount up once', async () => {
    const { admission, calls } = plugin([]);
    await refusal(admission.admit(attributesFor(PODS, pod({ serviceAccountName: 'builder' }))));
    expect(calls).toEqual({ lookups: 1, sleeps: 0 });
  });

  describe('mirror pods', () => {
    const mirror = (spec: Record<string, unknown> = {}) =>
      pod(spec, { annotations: { 'kubernetes.io/config.mirror': 'abc' } });

    it('leaves a mirror pod’s spec as it is', async () => {
      const object = mirror();
      const before = structuredClone(object);
      await plugin([]).admission.admit(attributesFor(PODS, object));
      expect(object).toEqual(before);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a ServiceAccount', { serviceAccountName: 'default' }, 'a mirror pod may not reference service accounts'],
      [
        'a secret volume',
        { volumes: [{ name: 's', secret: { secretName: 'x' } }] },
        'a mirror pod may not reference secrets',
      ],
      [
        'a Secret in a container’s environment',
        { containers: [{ name: 'a', envFrom: [{ secretRef: { name: 'x' } }] }] },
        'a mirror pod may not reference secrets',
      ],
      ['image pull secrets', { imagePullSecrets: [{ name: 'x' }] }, 'a mirror pod may not reference secrets'],
      [
        'a CSI volume’s publish secret',
        { volumes: [{ name: 'c', csi: { driver: 'd', nodePublishSecretRef: { name: 'x' } } }] },
        'a mirror pod may not reference secrets',
      ],
      [
        'a token projection',
        { volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }] },
        'a mirror pod may not use ServiceAccountToken volume projections',
      ],
    ])('refuses a mirror pod that refers to %s', async (_name, spec, message) => {
      const error = await refusal(plugin([]).admission.admit(attributesFor(PODS, mirror(spec))));
      expect(error.message).toBe(`pods "web" is forbidden: ${message}`);
    });
  });

  describe('mountable secrets', () => {
    const enforcing = serviceAccount(
      'default',
      { secrets: [{ name: 'allowed' }], imagePullSecrets: [{ name: 'pull' }] },
      { 'kubernetes.io/enforce-mountable-secrets': 'true' },
    );

    it.each<[string, Record<string, unknown>, string | undefined]>([
      [
        'allows Secrets the ServiceAccount lists',
        { volumes: [{ name: 's', secret: { secretName: 'allowed' } }] },
        undefined,
      ],
      [
        'refuses a secret volume it does not list',
        { volumes: [{ name: 's', secret: { secretName: 'other' } }] },
        'volume with secret.secretName="other" is not allowed because service account default does not reference that secret',
      ],
      [
        'refuses an env Secret of an init container',
        {
          initContainers: [
            { name: 'init', env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'other', key: 'k' } } }] },
          ],
        },
        'init container init with envVar PW referencing secret.secretName="other" is not allowed because service account default does not reference that secret',
      ],
      [
        'refuses an envFrom Secret of a container',
        { containers: [{ name: 'app', envFrom: [{ secretRef: { name: 'other' } }] }] },
        'container app with envFrom referencing secret.secretName="other" is not allowed because service account default does not reference that secret',
      ],
      [
        'refuses a pull secret it does not list',
        { imagePullSecrets: [{ name: 'pull' }, { name: 'other' }] },
        'imagePullSecrets[1].name="other" is not allowed because service account default does not reference that imagePullSecret',
      ],
    ])('%s', async (_name, spec, message) => {
      const result = plugin([enforcing]).admission.admit(attributesFor(PODS, pod(spec)));
      if (message === undefined) await result;
      else expect((await refusal(result)).message).toBe(`pods "web" is forbidden: ${message}`);
    });

    it('checks the ephemeral containers an ephemeralcontainers update adds', async () => {
      const object = pod({
        serviceAccountName: 'default',
        ephemeralContainers: [{ name: 'debug', env: [{ name: 'T', valueFrom: { secretKeyRef: { name: 'other' } } }] }],
      });
      const a: AdmissionAttributes = attributesFor(PODS, object, {
        operation: 'UPDATE',
        subresource: 'ephemeralcontainers',
        oldObject: pod({ serviceAccountName: 'default' }),
      });
      const { admission } = plugin([enforcing]);
      await admission.admit(a);
      expect((await refusal(admission.validate(a))).message).toBe(
        'pods "web" is forbidden: ephemeral container debug with envVar T referencing secret.secretName="other" is not allowed because service account default does not reference that secret',
      );
      expect(
        (object.spec as { ephemeralContainers: { volumeMounts?: unknown }[] }).ephemeralContainers[0]?.volumeMounts,
      ).toBeUndefined();
    });
  });

  it.each<[string, AdmissionAttributes]>([
    ['an update of a pod', attributesFor(PODS, pod(), { operation: 'UPDATE', oldObject: pod() })],
    ['a status write', attributesFor(PODS, pod(), { subresource: 'status' })],
    ['another kind', attributesFor({ resource: 'podtemplates', kind: 'PodTemplate' }, pod())],
  ])('leaves %s alone', async (_name, a) => {
    const before = structuredClone(a.object);
    const { admission, calls } = plugin([]);
    await admission.admit(a);
    await admission.validate(a);
    expect(a.object).toEqual(before);
    expect(calls.lookups).toBe(0);
  });
});
