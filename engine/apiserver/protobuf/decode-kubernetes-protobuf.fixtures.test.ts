// Decoding bodies encoded by protobufjs from the reference v1.32 .proto files: the objects kubectl's typed commands
// send, and every upstream JSON fixture of a decodable kind, encoded to protobuf and decoded back to the same JSON.
// Skipped when ../shared/reference/kubernetes-api is absent.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { parseApiVersion } from '../../api/object.ts';
import { definitionForGVK } from '../../api/schemas.ts';
import { decodeKubernetesProtobuf } from './decode-kubernetes-protobuf.ts';
import { protoTables } from './proto-tables.ts';

const REFERENCE = new URL('../../../../shared/reference/kubernetes-api/', import.meta.url).pathname;
const PROTO_ROOT = join(REFERENCE, 'proto');
const FIXTURE_DIRS = [
  'fixtures/k8s.io/api/testdata/HEAD',
  'fixtures/k8s.io/apiextensions-apiserver/pkg/apis/testdata/HEAD',
];
const referenceExists = existsSync(PROTO_ROOT);

type Json = Record<string, unknown>;

function loadRoot(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(PROTO_ROOT, target);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(PROTO_ROOT, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.proto')) files.push(path);
    }
  };
  walk('');
  root.loadSync(files, { keepCase: true });
  return root;
}

let root: protobuf.Root | undefined;

/** Encodes a protobufjs-shaped object of message `type`, wrapped as Kubernetes sends it. */
function envelope(apiVersion: string, kind: string, type: string, value: Json): Uint8Array {
  root ??= loadRoot();
  const raw = root.lookupType(type).encode(root.lookupType(type).fromObject(value)).finish();
  const unknown = root.lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');
  const body = unknown.encode(unknown.fromObject({ typeMeta: { apiVersion, kind }, raw })).finish();
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...body]);
}

/** The protobuf message of a kind, as the decoder finds it. */
function messageOfKind(apiVersion: string, kind: string): string | undefined {
  const { group, version } = parseApiVersion(apiVersion);
  const definition = definitionForGVK(group, version, kind);
  return definition === undefined ? undefined : protoTables().messageOfDefinition.get(definition);
}

// --- JSON → protobufjs object, the inverse of the decoder, for the fixtures --------------------------------------

const SCHEMA_PROPS = 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps';

function toProto(type: string, json: unknown): unknown {
  const message = protoTables().messages[type];
  if (!message) return type === 'bytes' ? Buffer.from(String(json), 'base64') : json;
  switch (message.encoding) {
    case 'time':
    case 'micro-time': {
      if (json === null) return {}; // the zero time is an empty message
      const fraction = /\.(\d+)Z$/.exec(String(json))?.[1] ?? '';
      return { seconds: Math.floor(Date.parse(String(json)) / 1000), nanos: Number(fraction.padEnd(9, '0')) };
    }
    case 'int-or-string':
      return typeof json === 'string' ? { type: 1, strVal: json } : { type: 0, intVal: json };
    case 'quantity':
      return { string: json };
    case 'raw-json':
      return { [message.fields[0]?.name ?? 'raw']: Buffer.from(JSON.stringify(json)) };
    case 'string-list':
      return { items: json };
    case 'schema-or-array':
      return Array.isArray(json)
        ? { jSONSchemas: json.map((s) => toProto(SCHEMA_PROPS, s)) }
        : { schema: toProto(SCHEMA_PROPS, json) };
    case 'schema-or-bool':
      return typeof json === 'boolean' ? { allows: json } : { allows: true, schema: toProto(SCHEMA_PROPS, json) };
    case 'schema-or-string-array':
      return Array.isArray(json) ? { property: json } : { schema: toProto(SCHEMA_PROPS, json) };
  }
  const object = json as Json;
  const out: Json = {};
  for (const field of message.fields) {
    if (field.inline) {
      out[field.name] = toProto(field.type, object);
      continue;
    }
    const value = object[field.json ?? field.name];
    if (value === undefined || value === null) continue;
    if (field.map) {
      out[field.name] = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, toProto(field.type, v)]));
    } else if (field.repeated) out[field.name] = (value as unknown[]).map((item) => toProto(field.type, item));
    else out[field.name] = toProto(field.type, value);
  }
  return out;
}

// --- the tests --------------------------------------------------------------------------------------------------

describe('decodeKubernetesProtobuf on protobufjs-encoded bodies', () => {
  const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: null, ...extra });

  it.runIf(referenceExists).each([
    [
      'kubectl create deployment web --image=nginx --replicas=0',
      'apps/v1',
      'Deployment',
      {
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] },
          },
          strategy: {},
        },
        status: {},
      },
      {
        metadata: meta('web', { labels: { app: 'web' } }),
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { creationTimestamp: null, labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] },
          },
          strategy: {},
        },
        status: {},
      },
    ],
    [
      'kubectl create secret generic db --from-literal=password=s3cr3t',
      'v1',
      'Secret',
      { metadata: { name: 'db' }, data: { password: Buffer.from('s3cr3t') } },
      { metadata: meta('db'), data: { password: 'czNjcjN0' } },
    ],
    [
      'kubectl create configmap app --from-literal=color=blue',
      'v1',
      'ConfigMap',
      { metadata: { name: 'app' }, data: { color: 'blue' } },
      { metadata: meta('app'), data: { color: 'blue' } },
    ],
    [
      'kubectl create job once --image=busybox',
      'batch/v1',
      'Job',
      {
        metadata: { name: 'once' },
        spec: {
          template: {
            metadata: {},
            spec: { containers: [{ name: 'once', image: 'busybox', resources: {} }], restartPolicy: 'Never' },
          },
        },
        status: {},
      },
      {
        metadata: meta('once'),
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [{ name: 'once', image: 'busybox', resources: {} }], restartPolicy: 'Never' },
          },
        },
        status: {},
      },
    ],
    [
      'kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *"',
      'batch/v1',
      'CronJob',
      {
        metadata: { name: 'tick' },
        spec: {
          schedule: '*/1 * * * *',
          jobTemplate: {
            metadata: { name: 'tick' },
            spec: {
              template: {
                metadata: {},
                spec: { containers: [{ name: 'tick', image: 'busybox', resources: {} }], restartPolicy: 'OnFailure' },
              },
            },
          },
        },
        status: {},
      },
      {
        metadata: meta('tick'),
        spec: {
          schedule: '*/1 * * * *',
          jobTemplate: {
            metadata: meta('tick'),
            spec: {
              template: {
                metadata: { creationTimestamp: null },
                spec: { containers: [{ name: 'tick', image: 'busybox', resources: {} }], restartPolicy: 'OnFailure' },
              },
            },
          },
        },
        status: {},
      },
    ],
    [
      'kubectl create service clusterip web --tcp=80:8080',
      'v1',
      'Service',
      {
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: { type: 0, intVal: 8080 } }],
          selector: { app: 'web' },
          type: 'ClusterIP',
        },
        status: { loadBalancer: {} },
      },
      {
        metadata: meta('web', { labels: { app: 'web' } }),
        spec: {
          ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }],
          selector: { app: 'web' },
          type: 'ClusterIP',
        },
        status: { loadBalancer: {} },
      },
    ],
    [
      'kubectl create serviceaccount robot',
      'v1',
      'ServiceAccount',
      { metadata: { name: 'robot' } },
      { metadata: meta('robot') },
    ],
    [
      'kubectl create role reader --verb=get --resource=pods',
      'rbac.authorization.k8s.io/v1',
      'Role',
      { metadata: { name: 'reader' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] },
      { metadata: meta('reader'), rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] },
    ],
    [
      'kubectl create rolebinding read --role=reader --user=alice',
      'rbac.authorization.k8s.io/v1',
      'RoleBinding',
      {
        metadata: { name: 'read' },
        subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      },
      {
        metadata: meta('read'),
        subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      },
    ],
    [
      'kubectl create clusterrole agg --aggregation-rule=rbac.example.com/aggregate=true',
      'rbac.authorization.k8s.io/v1',
      'ClusterRole',
      {
        metadata: { name: 'agg' },
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate': 'true' } }] },
      },
      {
        metadata: meta('agg'),
        rules: null,
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate': 'true' } }] },
      },
    ],
    [
      'kubectl create clusterrolebinding admins --clusterrole=admin --group=ops',
      'rbac.authorization.k8s.io/v1',
      'ClusterRoleBinding',
      {
        metadata: { name: 'admins' },
        subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'ops' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
      },
      {
        metadata: meta('admins'),
        subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'ops' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
      },
    ],
    [
      'kubectl create quota small --hard=cpu=1,memory=1Gi,pods=2',
      'v1',
      'ResourceQuota',
      {
        metadata: { name: 'small' },
        spec: { hard: { cpu: { string: '1' }, memory: { string: '1Gi' }, pods: { string: '2' } } },
        status: {},
      },
      { metadata: meta('small'), spec: { hard: { cpu: '1', memory: '1Gi', pods: '2' } }, status: {} },
    ],
    [
      'kubectl create priorityclass low --value=0',
      'scheduling.k8s.io/v1',
      'PriorityClass',
      { metadata: { name: 'low' }, value: 0, preemptionPolicy: 'PreemptLowerPriority' },
      { metadata: meta('low'), value: 0, preemptionPolicy: 'PreemptLowerPriority' },
    ],
    [
      'kubectl create poddisruptionbudget web --selector=app=web --min-available=50%',
      'policy/v1',
      'PodDisruptionBudget',
      {
        metadata: { name: 'web' },
        spec: { minAvailable: { type: 1, strVal: '50%' }, selector: { matchLabels: { app: 'web' } } },
        status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
      },
      {
        metadata: meta('web'),
        spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } },
        status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
      },
    ],
    [
      'kubectl create ingress web --rule=shop.example.com/=web:80',
      'networking.k8s.io/v1',
      'Ingress',
      {
        metadata: { name: 'web' },
        spec: {
          rules: [
            {
              host: 'shop.example.com',
              ingressRuleValue: {
                http: {
                  paths: [
                    { path: '/', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 80 } } } },
                  ],
                },
              },
            },
          ],
        },
        status: { loadBalancer: {} },
      },
      {
        metadata: meta('web'),
        spec: {
          rules: [
            {
              host: 'shop.example.com',
              http: {
                paths: [{ path: '/', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 80 } } } }],
              },
            },
          ],
        },
        status: { loadBalancer: {} },
      },
    ],
    [
      'kubectl create token robot --duration=600s',
      'authentication.k8s.io/v1',
      'TokenRequest',
      {
        metadata: { name: 'robot' },
        spec: { audiences: null, expirationSeconds: 600 },
        status: { expirationTimestamp: {} },
      },
      {
        metadata: meta('robot'),
        spec: { audiences: null, expirationSeconds: 600, boundObjectRef: null },
        status: { token: '', expirationTimestamp: null },
      },
    ],
    [
      'kubectl auth whoami',
      'authentication.k8s.io/v1',
      'SelfSubjectReview',
      { metadata: {}, status: { userInfo: {} } },
      { metadata: { creationTimestamp: null }, status: { userInfo: {} } },
    ],
  ])('decodes what %s sends', (_command, apiVersion, kind, value, expected) => {
    const decoded = decodeKubernetesProtobuf(envelope(apiVersion, kind, messageOfKind(apiVersion, kind) ?? '', value));
    expect(decoded.object).toEqual({ kind, apiVersion, ...expected });
  });

  const fixtures = referenceExists
    ? FIXTURE_DIRS.flatMap((dir) =>
        readdirSync(join(REFERENCE, dir))
          .filter((file) => file.endsWith('.json'))
          .map((file) => {
            const json = JSON.parse(readFileSync(join(REFERENCE, dir, file), 'utf8')) as Json;
            return { file, json, message: messageOfKind(String(json.apiVersion), String(json.kind)) };
          }),
      )
    : [];
  const decodable = fixtures.filter((fixture) => fixture.message !== undefined);

  it.runIf(referenceExists)('can decode every fixture kind the API serves', () => {
    expect(decodable.length).toBeGreaterThan(60);
    // The rest are options, webhook reviews the server sends, and discovery documents: never request bodies.
    const notRequests =
      /(Options|Review|APIGroupDiscovery|PodStatusResult|RangeAllocation|SerializedReference|WatchEvent)\.json$/;
    const others = fixtures.filter((fixture) => !fixture.message).map((fixture) => fixture.file);
    expect(others.filter((file) => !notRequests.test(file))).toEqual([]);
  });

  it.each(decodable)('round-trips the upstream fixture $file through protobuf unchanged', ({ json, message }) => {
    const apiVersion = String(json.apiVersion);
    const kind = String(json.kind);
    const decoded = decodeKubernetesProtobuf(
      envelope(apiVersion, kind, message ?? '', toProto(message ?? '', json) as Json),
    );
    expect(decoded.object).toEqual(json);
  });
});
