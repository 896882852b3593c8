import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { setPodDefaults } from '../../defaults/core.ts';
import {
  validateBinding,
  validatePodCreate,
  validatePodEphemeralContainersUpdate,
  validatePodStatusUpdate,
  validatePodUpdate,
} from './pod.ts';

/** A pod as the API server validates it: decoded with defaults. */
function pod(spec: Record<string, unknown>, name = 'web'): KubeObject {
  const obj: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec };
  setPodDefaults(obj);
  return obj;
}

function container(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'app', image: 'nginx:1.27', ...extra };
}

function createErrors(spec: Record<string, unknown>): string[] {
  return validatePodCreate(pod(spec)).map(String);
}

describe('validatePodCreate', () => {
  it('accepts a minimal pod', () => {
    expect(createErrors({ containers: [container()] })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a pod needs containers', { containers: [] }, ['spec.containers: Required value']],
    ['a container needs an image', { containers: [{ name: 'app' }] }, ['spec.containers[0].image: Required value']],
    [
      'container names must be unique',
      { containers: [container(), container()] },
      ['spec.containers[1].name: Duplicate value: "app"'],
    ],
    [
      'a container name must be a DNS label',
      { containers: [container({ name: 'App' })] },
      [
        "spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [
      'a container port is required',
      { containers: [container({ ports: [{ containerPort: 0 }] })] },
      ['spec.containers[0].ports[0].containerPort: Required value'],
    ],
    [
      'a container port must be in range',
      { containers: [container({ ports: [{ containerPort: 70000 }] })] },
      ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    [
      'a port protocol must be supported',
      { containers: [container({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })] },
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'port names must be unique',
      {
        containers: [
          container({
            ports: [
              { name: 'http', containerPort: 80 },
              { name: 'http', containerPort: 81 },
            ],
          }),
        ],
      },
      ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ],
    [
      'requests may not exceed limits',
      { containers: [container({ resources: { requests: { cpu: '600m' }, limits: { cpu: '500m' } } })] },
      ['spec.containers[0].resources.requests: Invalid value: "600m": must be less than or equal to cpu limit of 500m'],
    ],
    [
      'memory requests may not exceed limits either',
      { containers: [container({ resources: { requests: { memory: '1Gi' }, limits: { memory: '512Mi' } } })] },
      [
        'spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi',
      ],
    ],
    [
      'an unknown resource name needs a domain',
      { containers: [container({ resources: { limits: { gpu: '1' } } })] },
      [
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    [
      'an extended resource request must equal its limit',
      {
        containers: [
          container({ resources: { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } } }),
        ],
      },
      ['spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2'],
    ],
    [
      'a mount must name a volume of the pod',
      { containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] },
      ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ],
    [
      'mount paths must be unique in a container',
      {
        volumes: [{ name: 'a' }, { name: 'b' }],
        containers: [
          container({
            volumeMounts: [
              { name: 'a', mountPath: '/x' },
              { name: 'b', mountPath: '/x' },
            ],
          }),
        ],
      },
      ['spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/x": must be unique'],
    ],
    [
      'volume names must be unique',
      { volumes: [{ name: 'data' }, { name: 'data' }], containers: [container()] },
      ['spec.volumes[1].name: Duplicate value: "data"'],
    ],
    [
      'a volume may have only one source',
      { volumes: [{ name: 'data', emptyDir: {}, hostPath: { path: '/tmp' } }], containers: [container()] },
      ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type'],
    ],
    [
      'a configMap volume needs a name',
      { volumes: [{ name: 'cfg', configMap: {} }], containers: [container()] },
      ['spec.volumes[0].configMap.name: Required value'],
    ],
    [
      'a restart policy must be supported',
      { restartPolicy: 'Sometimes', containers: [container()] },
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    [
      'a DNS policy must be supported',
      { dnsPolicy: 'Cluster', containers: [container()] },
      [
        'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      ],
    ],
    [
      'DNS policy None needs a dnsConfig',
      { dnsPolicy: 'None', containers: [container()] },
      ['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None'],
    ],
    [
      'an Exists toleration takes no value',
      { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }], containers: [container()] },
      ['spec.tolerations[0].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\''],
    ],
    [
      'a toleration effect must be supported',
      { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoRun' }], containers: [container()] },
      [
        'spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    ],
    [
      'tolerationSeconds needs the NoExecute effect',
      {
        tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }],
        containers: [container()],
      },
      [
        'spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
      ],
    ],
    [
      'a liveness probe needs successThreshold 1',
      { containers: [container({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })] },
      ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    ],
    [
      'a probe needs a handler',
      { containers: [container({ readinessProbe: { periodSeconds: 5 } })] },
      ['spec.containers[0].readinessProbe: Required value: must specify a handler type'],
    ],
    [
      'an environment variable name may not contain "="',
      { containers: [container({ env: [{ name: 'A=B', value: 'x' }] })] },
      [
        'spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
      ],
    ],
    [
      'an env value and valueFrom exclude each other',
      {
        containers: [
          container({ env: [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }),
        ],
      },
      ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty'],
    ],
    [
      'a fieldRef must name a supported field',
      {
        containers: [container({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.restartPolicy' } } }] })],
      },
      [
        'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.restartPolicy": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
      ],
    ],
    [
      'a node selector must use valid labels',
      { nodeSelector: { 'disk type': 'ssd' }, containers: [container()] },
      [
        expect.stringMatching(
          /^spec\.nodeSelector: Invalid value: "disk type": name part must consist of/,
        ) as unknown as string,
      ],
    ],
    [
      'host ports may not collide',
      {
        containers: [
          container({ ports: [{ containerPort: 80, hostPort: 8080 }] }),
          container({ name: 'b', ports: [{ containerPort: 81, hostPort: 8080 }] }),
        ],
      },
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    ],
    [
      'ephemeral containers cannot be set on create',
      { containers: [container()], ephemeralContainers: [{ name: 'debug', image: 'busybox' }] },
      ['spec.ephemeralContainers: Forbidden: cannot be set on create'],
    ],
    [
      'probes are not allowed on plain init containers',
      {
        containers: [container()],
        initContainers: [container({ name: 'init', livenessProbe: { exec: { command: ['true'] } } })],
      },
      [
        'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
      ],
    ],
    [
      'init container names may not repeat container names',
      { containers: [container()], initContainers: [container()] },
      ['spec.initContainers[0].name: Duplicate value: "app"'],
    ],
    [
      'activeDeadlineSeconds must be positive',
      { activeDeadlineSeconds: 0, containers: [container()] },
      ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
    ],
    [
      'a pod image may not have surrounding spaces',
      { containers: [container({ image: ' nginx' })] },
      ['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(createErrors(spec)).toEqual(expected);
  });

  it('accepts a restartable init container with probes (a sidecar)', () => {
    const sidecar = container({ name: 'proxy', restartPolicy: 'Always', readinessProbe: { httpGet: { port: 8080 } } });
    expect(createErrors({ containers: [container()], initContainers: [sidecar] })).toEqual([]);
  });

  it('accepts the usual volume sources', () => {
    const spec = {
      volumes: [
        { name: 'cache', emptyDir: { sizeLimit: '1Gi' } },
        { name: 'config', configMap: { name: 'app-config', items: [{ key: 'a', path: 'a.conf' }] } },
        { name: 'secret', secret: { secretName: 'creds' } },
        { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'meta', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      ],
      containers: [
        container({
          volumeMounts: [
            { name: 'cache', mountPath: '/cache' },
            { name: 'config', mountPath: '/etc/app' },
          ],
        }),
      ],
    };
    expect(createErrors(spec)).toEqual([]);
  });
});

describe('validatePodUpdate', () => {
  const old = pod({
    containers: [container()],
    tolerations: [{ key: 'a', operator: 'Exists' }],
    activeDeadlineSeconds: 100,
  });
  old.metadata.resourceVersion = '1';

  function updated(change: (spec: Record<string, unknown>) => void): string[] {
    const next = structuredClone(old);
    change(next.spec as Record<string, unknown>);
    setPodDefaults(next);
    return validatePodUpdate(next, old).map(String);
  }

  it('allows a new image', () => {
    expect(updated((spec) => ((spec.containers as Record<string, unknown>[])[0]!.image = 'nginx:1.28'))).toEqual([]);
  });

  it('allows an added toleration', () => {
    expect(updated((spec) => (spec.tolerations as unknown[]).push({ key: 'b', operator: 'Exists' }))).toEqual([]);
  });

  it('refuses any other change with the list of what may change', () => {
    const errs = updated((spec) => ((spec.containers as Record<string, unknown>[])[0]!.command = ['sleep']));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    expect(errs[0]).toContain('containers[0].command');
  });

  it.each<[string, (spec: Record<string, unknown>) => void, string[]]>([
    [
      'removing a toleration',
      (spec) => (spec.tolerations = []),
      ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'],
    ],
    [
      'raising activeDeadlineSeconds',
      (spec) => (spec.activeDeadlineSeconds = 200),
      ['spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value'],
    ],
    [
      'adding a container',
      (spec) => (spec.containers as unknown[]).push(container({ name: 'b' })),
      ['spec.containers: Forbidden: pod updates may not add or remove containers'],
    ],
    [
      'clearing an image (reported by both the spec and the update rules, as upstream does)',
      (spec) => ((spec.containers as Record<string, unknown>[])[0]!.image = ''),
      ['spec.containers[0].image: Required value', 'spec.containers[0].image: Required value'],
    ],
  ])('refuses %s', (_name, change, expected) => {
    expect(updated(change)).toEqual(expected);
  });
});

describe('validatePodStatusUpdate', () => {
  it('refuses moving a pod to another node through status', () => {
    const old = pod({ containers: [container()], nodeName: 'node-1' });
    const next = structuredClone(old);
    (next.spec as Record<string, unknown>).nodeName = 'node-2';
    expect(validatePodStatusUpdate(next, old).map(String)).toEqual([
      'status.nodeName: Forbidden: may not be changed directly',
    ]);
  });
});

describe('validateBinding', () => {
  it.each([
    ['a binding to a node is valid', { target: { kind: 'Node', name: 'node-1' } }, []],
    ['a binding needs a target name', { target: { kind: 'Node' } }, ['target.name: Required value']],
    [
      'a binding targets nodes only',
      { target: { kind: 'Pod', name: 'x' } },
      ['target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"'],
    ],
  ])('%s', (_name, binding, expected) => {
    expect(validateBinding({ metadata: {}, ...binding }).map(String)).toEqual(expected);
  });
});

describe('validatePodEphemeralContainersUpdate', () => {
  const debug = { name: 'debug', image: 'busybox', targetContainerName: 'app' };

  function withEphemeral(containers: Record<string, unknown>[]): KubeObject {
    const p = pod({ containers: [container()], ephemeralContainers: containers });
    p.metadata.resourceVersion = '1';
    return p;
  }

  it('allows adding a debug container', () => {
    expect(validatePodEphemeralContainersUpdate(withEphemeral([debug]), withEphemeral([])).map(String)).toEqual([]);
  });

  it('refuses removing one', () => {
    expect(validatePodEphemeralContainersUpdate(withEphemeral([]), withEphemeral([debug])).map(String)).toEqual([
      'spec.ephemeralContainers: Forbidden: existing ephemeral containers "debug" may not be removed\n',
    ]);
  });

  it('refuses ports on an ephemeral container', () => {
    const errs = validatePodEphemeralContainersUpdate(
      withEphemeral([{ ...debug, ports: [{ containerPort: 80 }] }]),
      withEphemeral([]),
    ).map(String);
    expect(errs).toEqual(['spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container']);
  });
});
