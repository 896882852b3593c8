// Tests for the DefaultTolerationSeconds admission plugin.
import { describe, expect, it } from 'vitest';
import type { AdmissionOperation } from '../admission.ts';
import { DefaultTolerationSeconds } from './default-toleration-seconds.ts';
import { PODS, attributesFor, kubectlYaml, pod } from './test-attributes.ts';

const notReady = {
  key: 'node.kubernetes.io/not-ready',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
};
const unreachable = {
  key: 'node.kubernetes.io/unreachable',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
};

/** `kubectl get pod -o yaml` of a pod with no tolerations of its own, as real clusters print it (1.22 to 1.32). */
const REAL_CLUSTER_TOLERATIONS = `tolerations:
- effect: NoExecute
  key: node.kubernetes.io/not-ready
  operator: Exists
  tolerationSeconds: 300
- effect: NoExecute
  key: node.kubernetes.io/unreachable
  operator: Exists
  tolerationSeconds: 300
`;

function admitted(tolerations: unknown[] | undefined, operation: AdmissionOperation = 'CREATE'): unknown {
  const object = pod(tolerations ? { tolerations } : {});
  new DefaultTolerationSeconds().admit(attributesFor(PODS, object, { operation }));
  return (object.spec as { tolerations?: unknown }).tolerations;
}

describe('DefaultTolerationSeconds', () => {
  it('gives a pod exactly the tolerations a real cluster shows', () => {
    expect(kubectlYaml({ tolerations: admitted(undefined) })).toBe(REAL_CLUSTER_TOLERATIONS);
  });

  const own = { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };
  it.each<[string, unknown[], unknown[]]>([
    ['adds both after the tolerations a pod has', [own], [own, notReady, unreachable]],
    [
      'keeps a pod’s own not-ready toleration and adds only unreachable',
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
      [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
        unreachable,
      ],
    ],
    [
      'counts a toleration without an effect as tolerating NoExecute',
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, notReady],
    ],
    ['adds nothing when a pod tolerates every taint', [{ operator: 'Exists' }], [{ operator: 'Exists' }]],
    [
      'adds both when a pod tolerates those taints only for NoSchedule',
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, notReady, unreachable],
    ],
  ])('%s', (_name, tolerations, expected) => {
    expect(admitted(tolerations)).toEqual(expected);
  });

  it('adds them back when an update leaves them out, as upstream admits updates too', () => {
    expect(admitted([], 'UPDATE')).toEqual([notReady, unreachable]);
  });

  it.each<[string, Parameters<typeof attributesFor>[2]]>([
    ['leaves sub-resource writes alone', { subresource: 'status' }],
    ['leaves deletes alone', { operation: 'DELETE' }],
  ])('%s', (_name, overrides) => {
    const object = pod();
    new DefaultTolerationSeconds().admit(attributesFor(PODS, object, overrides));
    expect((object.spec as { tolerations?: unknown }).tolerations).toBeUndefined();
  });

  it('leaves other kinds alone', () => {
    const object = { metadata: { name: 'x', namespace: 'ns' }, spec: {} };
    new DefaultTolerationSeconds().admit(attributesFor({ resource: 'podtemplates', kind: 'PodTemplate' }, object));
    expect(object.spec).toEqual({});
  });
});
