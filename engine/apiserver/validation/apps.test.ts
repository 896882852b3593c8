import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import {
  setDaemonSetDefaults,
  setDeploymentDefaults,
  setReplicaSetDefaults,
  setStatefulSetDefaults,
} from '../defaults/apps.ts';
import {
  validateControllerRevision,
  validateDaemonSet,
  validateDeployment,
  validateDeploymentStatusUpdate,
  validateDeploymentUpdate,
  validateReplicaSet,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from './apps.ts';

const labels = { app: 'web' };
const template = { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

function workload(spec: Record<string, unknown>, setDefaults: (obj: KubeObject) => void): KubeObject {
  const obj: KubeObject = { metadata: { name: 'web', namespace: 'default' }, spec: structuredClone(spec) };
  setDefaults(obj);
  return obj;
}

const deployment = (spec: Record<string, unknown>): KubeObject => workload(spec, setDeploymentDefaults);

describe('Deployments', () => {
  it('accepts a deployment whose selector matches its template', () => {
    expect(validateDeployment(deployment({ selector: { matchLabels: labels }, template }))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a missing selector is required and cannot match',
      { template },
      [
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'an empty selector is invalid',
      { selector: {}, template },
      ['spec.selector: Invalid value: map[string]string{}: empty selector is invalid for deployment'],
    ],
    [
      'a selector must match the template labels',
      { selector: { matchLabels: { app: 'db' } }, template },
      [
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'the template must always restart',
      {
        selector: { matchLabels: labels },
        template: { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } },
      },
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ],
    [
      'replicas may not be negative',
      { replicas: -1, selector: { matchLabels: labels }, template },
      ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'maxSurge and maxUnavailable may not both be zero',
      {
        selector: { matchLabels: labels },
        template,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
      },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'maxUnavailable may not exceed 100%',
      { selector: { matchLabels: labels }, template, strategy: { rollingUpdate: { maxUnavailable: '120%' } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%'],
    ],
    [
      'a Recreate strategy takes no rolling update',
      { selector: { matchLabels: labels }, template, strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } },
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      'the strategy type must be supported',
      { selector: { matchLabels: labels }, template, strategy: { type: 'BlueGreen' } },
      [
        'spec.strategy: Unsupported value: map[string]string{"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"',
      ],
    ],
    [
      'the progress deadline must exceed minReadySeconds',
      { selector: { matchLabels: labels }, template, minReadySeconds: 700 },
      ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validateDeployment(deployment(spec)).map(String)).toEqual(expected);
  });

  it('keeps the selector immutable', () => {
    const old = deployment({ selector: { matchLabels: labels }, template });
    const next = deployment({
      selector: { matchLabels: { app: 'web', tier: 'fe' } },
      template: { ...template, metadata: { labels: { app: 'web', tier: 'fe' } } },
    });
    expect(validateDeploymentUpdate(next, old).map(String)).toEqual([
      'spec.selector: Invalid value: map[string]interface {}{"matchLabels":map[string]string{"app":"web", "tier":"fe"}}: field is immutable',
    ]);
  });

  it('refuses more ready than total replicas in status', () => {
    const next = { metadata: {}, status: { replicas: 1, readyReplicas: 2 } };
    expect(validateDeploymentStatusUpdate(next, { metadata: {} }).map(String)).toEqual([
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
    ]);
  });
});

describe('ReplicaSets', () => {
  it('accepts a replica set whose selector matches its template', () => {
    expect(
      validateReplicaSet(workload({ selector: { matchLabels: labels }, template }, setReplicaSetDefaults)),
    ).toEqual([]);
  });
});

describe('StatefulSets', () => {
  const sts = (spec: Record<string, unknown>): KubeObject => workload(spec, setStatefulSetDefaults);
  const claim = {
    metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
  const mountingTemplate = {
    ...template,
    spec: { containers: [{ name: 'web', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
  };

  it('accepts claim templates mounted by the pod template', () => {
    expect(
      validateStatefulSet(
        sts({
          serviceName: 'web',
          selector: { matchLabels: labels },
          template: mountingTemplate,
          volumeClaimTemplates: [claim],
        }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'the pod management policy must be known',
      { podManagementPolicy: 'Random', selector: { matchLabels: labels }, template },
      ["spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"],
    ],
    [
      'an empty selector is invalid',
      { selector: {}, template },
      ['spec.selector: Invalid value: map[string]string{}: empty selector is invalid for statefulset'],
    ],
    [
      'a claim template needs a storage request',
      {
        selector: { matchLabels: labels },
        template,
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
      },
      ['spec.volumeClaimTemplates[0].spec.resources[storage]: Required value'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validateStatefulSet(sts(spec)).map(String)).toEqual(expected);
  });

  it('allows scaling and refuses other spec changes', () => {
    const old = sts({ serviceName: 'web', selector: { matchLabels: labels }, template });
    expect(
      validateStatefulSetUpdate(
        sts({ serviceName: 'web', replicas: 3, selector: { matchLabels: labels }, template }),
        old,
      ),
    ).toEqual([]);
    expect(
      validateStatefulSetUpdate(sts({ serviceName: 'other', selector: { matchLabels: labels }, template }), old).map(
        String,
      ),
    ).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});

describe('DaemonSets', () => {
  const ds = (spec: Record<string, unknown>): KubeObject => workload(spec, setDaemonSetDefaults);

  it('accepts a daemon set with defaults', () => {
    expect(validateDaemonSet(ds({ selector: { matchLabels: labels }, template }))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'both maxSurge and maxUnavailable may not be set',
      {
        selector: { matchLabels: labels },
        template,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
      },
      ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero'],
    ],
    [
      'one of maxSurge and maxUnavailable must be set',
      {
        selector: { matchLabels: labels },
        template,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } },
      },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ],
    [
      'a missing selector cannot match',
      { template },
      [
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validateDaemonSet(ds(spec)).map(String)).toEqual(expected);
  });
});

describe('ControllerRevisions', () => {
  it.each([
    ['data is mandatory', {}, ['data: Required value: data is mandatory']],
    ['data must be an object', { data: 'x' }, ['data: Required value: data must be a valid JSON object']],
    [
      'a revision may not be negative',
      { data: {}, revision: -1 },
      ['revision: Invalid value: -1: must be greater than or equal to 0'],
    ],
  ])('%s', (_name, fields, expected) => {
    expect(validateControllerRevision({ metadata: {}, ...fields }).map(String)).toEqual(expected);
  });
});
