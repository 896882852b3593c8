// Tests for the ServiceAccount token volume.
import { describe, expect, it } from 'vitest';
import { mountServiceAccountToken, tokenVolumeSource } from './service-account-volume.ts';

const mount = (name: string) => ({ name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' });

describe('the ServiceAccount token volume', () => {
  it('writes its fields in the order Go’s encoder does, for `kubectl get -o json`', () => {
    expect(JSON.stringify(tokenVolumeSource())).toBe(
      '{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},' +
        '{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},' +
        '{"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],' +
        '"defaultMode":420}',
    );
  });

  it.each<[string, Record<string, unknown>, unknown, unknown]>([
    ['adds no volume to a pod without containers', { containers: [] }, undefined, []],
    [
      'adds no volume when every container mounts something at the path',
      { containers: [{ name: 'a', volumeMounts: [mount('mine')] }] },
      undefined,
      [[mount('mine')]],
    ],
    [
      'mounts a volume the pod already has in the containers that lack it',
      {
        volumes: [{ name: 'kube-api-access-old12' }],
        containers: [{ name: 'a', volumeMounts: [mount('kube-api-access-old12')] }, { name: 'b' }],
      },
      [{ name: 'kube-api-access-old12' }],
      [[mount('kube-api-access-old12')], [mount('kube-api-access-old12')]],
    ],
  ])('%s', (_name, spec, volumes, mounts) => {
    mountServiceAccountToken(spec, (prefix) => `${prefix}new34`);
    expect(spec.volumes).toEqual(volumes);
    expect((spec.containers as { volumeMounts?: unknown }[]).map((c) => c.volumeMounts)).toEqual(mounts);
  });
});
