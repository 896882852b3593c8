import { describe, expect, it } from 'vitest';
import type { PodTemplateSpec } from '../workload-types.ts';
import { computeHash } from './compute-hash.ts';
import { parseGoQuantity } from './go-quantity.ts';
import { spewMessage } from './go-spew.ts';
import { safeEncodeString } from './safe-encode.ts';

/** The template `kubectl create deployment nginx --image=nginx` stores, with the API server's defaults. */
const NGINX: PodTemplateSpec = {
  metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
  spec: {
    containers: [
      {
        name: 'nginx',
        image: 'nginx',
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'Always',
      },
    ],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    schedulerName: 'default-scheduler',
  },
};

describe('the pod template hash', () => {
  it('is the one a v1.32 cluster gives kubectl create deployment nginx --image=nginx', () => {
    expect(computeHash(NGINX)).toBe('5869d7778c');
  });

  it('changes with the template and with the collision count', () => {
    const other = structuredClone(NGINX);
    other.spec!.containers![0]!['image'] = 'nginx:1.28';
    const hashes = new Set([computeHash(NGINX), computeHash(other), computeHash(NGINX, 0), computeHash(NGINX, 1)]);
    expect(hashes.size).toBe(4);
  });

  it('prints Go values as go-spew does: types, nil pointers, sorted maps', () => {
    const text = spewMessage('k8s.io.api.core.v1.PodTemplateSpec', {
      metadata: { labels: { b: '2', a: '1' } },
      spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] },
    });
    expect(text).toContain('Labels:(map[string]string)map[a:1 b:2]');
    expect(text).toContain(
      'Ports:([]v1.ContainerPort)[{Name:(string) HostPort:(int32)0 ContainerPort:(int32)80 Protocol:(v1.Protocol) HostIP:(string)}]',
    );
    expect(text).toContain('SecurityContext:(*v1.PodSecurityContext)<nil>');
    expect(text).toContain('TTY:(bool)false');
  });

  const quantities = [
    {
      name: 'a canonical decimal keeps its string',
      input: '100m',
      value: 100n,
      scale: -3,
      s: '100m',
      format: 'DecimalSI',
    },
    {
      name: 'a binary multiple of eight drops its string',
      input: '128Mi',
      value: 134217728n,
      scale: 0,
      s: '',
      format: 'BinarySI',
    },
    {
      name: 'a binary value that is not keeps it',
      input: '1Gi',
      value: 1073741824n,
      scale: 0,
      s: '1Gi',
      format: 'BinarySI',
    },
  ];
  for (const c of quantities) {
    it(`parses quantities as Go does: ${c.name}`, () => {
      expect(parseGoQuantity(c.input)).toEqual({ value: c.value, scale: c.scale, s: c.s, format: c.format });
    });
  }

  it('encodes digits with the safe alphabet', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });
});
