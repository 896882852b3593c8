// Decoding hand-assembled Kubernetes protobuf bodies (no protobuf library involved): the bytes are written field by
// field the way Go's generated marshallers write them, and the result must be the JSON kubectl would have sent.

import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status-error.ts';
import { decodeKubernetesProtobuf } from './decode-kubernetes-protobuf.ts';

// --- a minimal protobuf writer for the test bodies -------------------------------------------------------------

function varint(value: number | bigint): number[] {
  let rest = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const byte = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest > 0n ? byte | 0x80 : byte);
  } while (rest > 0n);
  return out;
}

/** A varint field (bool, int32, int64). */
const num = (field: number, value: number | bigint | boolean): number[] => [
  ...varint(field << 3),
  ...varint(typeof value === 'boolean' ? Number(value) : value),
];

/** A length-delimited field holding raw bytes. */
const bytes = (field: number, data: number[] | Uint8Array): number[] => [
  ...varint((field << 3) | 2),
  ...varint(data.length),
  ...data,
];

const str = (field: number, text: string): number[] => bytes(field, [...Buffer.from(text, 'utf8')]);
const msg = (field: number, ...parts: number[][]): number[] => bytes(field, parts.flat());
const entry = (field: number, key: string, value: number[]): number[] => msg(field, str(1, key), value);

/** "k8s\0" + runtime.Unknown{typeMeta{apiVersion, kind}, raw}. */
function body(apiVersion: string, kind: string, ...raw: number[][]): Uint8Array {
  return Uint8Array.from([
    0x6b,
    0x38,
    0x73,
    0x00,
    ...msg(1, str(1, apiVersion), str(2, kind)),
    ...bytes(2, raw.flat()),
  ]);
}

/** ObjectMeta as Go writes it for a new object: every non-pointer field, creationTimestamp as an empty Time. */
const objectMeta = (field: number, name: string, ...more: number[][]): number[] =>
  msg(field, str(1, name), str(2, ''), str(3, ''), str(4, ''), str(5, ''), str(6, ''), num(7, 0), msg(8), ...more);

function decodeError(data: Uint8Array): StatusError {
  try {
    decodeKubernetesProtobuf(data);
  } catch (error) {
    if (error instanceof StatusError) return error;
    throw error;
  }
  throw new Error('decoding succeeded');
}

// --- the tests --------------------------------------------------------------------------------------------------

describe('decodeKubernetesProtobuf', () => {
  it('decodes a Namespace as kubectl create namespace sends it', () => {
    // Spelled out byte by byte: prefix, Unknown.typeMeta {"v1", "Namespace"}, Unknown.raw = Namespace{
    // metadata{name "demo", creationTimestamp {}}, spec {}, status {}}.
    // prettier-ignore
    const data = Uint8Array.from([
      0x6b, 0x38, 0x73, 0x00,
      0x0a, 0x0f, 0x0a, 0x02, 0x76, 0x31, 0x12, 0x09, 0x4e, 0x61, 0x6d, 0x65, 0x73, 0x70, 0x61, 0x63, 0x65,
      0x12, 0x0e,
      0x0a, 0x08, 0x0a, 0x04, 0x64, 0x65, 0x6d, 0x6f, 0x42, 0x00,
      0x12, 0x00,
      0x1a, 0x00,
    ]);
    expect(decodeKubernetesProtobuf(data)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      object: {
        kind: 'Namespace',
        apiVersion: 'v1',
        metadata: { name: 'demo', creationTimestamp: null },
        spec: {},
        status: {},
      },
    });
  });

  it('puts kind and apiVersion first, as Go writes TypeMeta', () => {
    const { object } = decodeKubernetesProtobuf(body('v1', 'Namespace', objectMeta(1, 'demo')));
    expect(Object.keys(object)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
  });

  it('decodes a ConfigMap with its data map and drops the unset pointer immutable', () => {
    const data = body(
      'v1',
      'ConfigMap',
      objectMeta(1, 'settings'),
      entry(2, 'color', str(2, 'blue')),
      entry(2, 'size', str(2, '')),
    );
    expect(decodeKubernetesProtobuf(data).object).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'settings', creationTimestamp: null },
      data: { color: 'blue', size: '' },
    });
  });

  it('keeps an explicit zero in a pointer field: a Deployment with replicas 0', () => {
    const labels = entry(1, 'app', str(2, 'web'));
    const container = msg(
      2,
      str(1, 'nginx'),
      str(2, 'nginx'),
      str(5, ''),
      msg(8),
      str(13, ''),
      str(20, ''),
      str(14, ''),
      num(16, false),
      num(17, false),
      num(18, false),
    );
    const podSpec = msg(
      2,
      container,
      str(3, ''),
      str(6, ''),
      str(8, ''),
      str(9, ''),
      str(10, ''),
      num(11, false),
      num(12, false),
      num(13, false),
      str(16, ''),
      str(17, ''),
      str(19, ''),
      str(24, ''),
    );
    const spec = msg(
      2,
      num(1, 0),
      msg(2, labels),
      msg(3, objectMeta(1, '', msg(11, str(1, 'app'), str(2, 'web'))), podSpec),
      msg(4, str(1, '')),
      num(5, 0),
      num(7, false),
    );
    const status = msg(3, num(1, 0), num(2, 0), num(3, 0), num(4, 0), num(5, 0), num(7, 0));
    const data = body(
      'apps/v1',
      'Deployment',
      objectMeta(1, 'web', msg(11, str(1, 'app'), str(2, 'web'))),
      spec,
      status,
    );
    expect(decodeKubernetesProtobuf(data).object).toEqual({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
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
    });
  });

  it('leaves out a pointer field that was not sent: a Deployment without replicas', () => {
    const data = body('apps/v1', 'Deployment', objectMeta(1, 'web'), msg(2, msg(2)));
    const spec = decodeKubernetesProtobuf(data).object.spec as Record<string, unknown>;
    expect(spec).not.toHaveProperty('replicas');
    expect(spec.selector).toEqual({});
  });

  it('writes a non-omitempty field Go always writes, even when the body lacks it: PriorityClass value 0', () => {
    const data = body('scheduling.k8s.io/v1', 'PriorityClass', objectMeta(1, 'low'));
    expect(decodeKubernetesProtobuf(data).object).toEqual({
      kind: 'PriorityClass',
      apiVersion: 'scheduling.k8s.io/v1',
      metadata: { name: 'low', creationTimestamp: null },
      value: 0,
    });
  });

  it('encodes the bytes of a Secret in base64', () => {
    const data = body(
      'v1',
      'Secret',
      objectMeta(1, 'db'),
      entry(2, 'password', bytes(2, [...Buffer.from('s3cr3t')])),
      entry(2, 'empty', bytes(2, [])),
      str(3, 'Opaque'),
    );
    expect(decodeKubernetesProtobuf(data).object).toEqual({
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 'db', creationTimestamp: null },
      data: { password: Buffer.from('s3cr3t').toString('base64'), empty: '' },
      type: 'Opaque',
    });
  });

  it('formats times as RFC 3339: seconds for Time, microseconds for MicroTime', () => {
    const created = msg(8, num(1, 1704164645), num(2, 123456789));
    const job = body('batch/v1', 'Job', objectMeta(1, 'j', str(99, 'ignored'), created), msg(2, num(7, 0)));
    const decoded = decodeKubernetesProtobuf(job).object as { metadata: { creationTimestamp: string } };
    expect(decoded.metadata.creationTimestamp).toBe('2024-01-02T03:04:05Z');
    const renewed = msg(4, num(1, 1704164645), num(2, 123456789));
    const lease = body('coordination.k8s.io/v1', 'Lease', objectMeta(1, 'l'), msg(2, renewed));
    expect((decodeKubernetesProtobuf(lease).object.spec as { renewTime: string }).renewTime).toBe(
      '2024-01-02T03:04:05.123456Z',
    );
  });

  it('keeps backoffLimit 0 of a Job and reads negative int64 values', () => {
    const data = body('batch/v1', 'Job', objectMeta(1, 'j', num(10, -5)), msg(2, num(7, 0)));
    const object = decodeKubernetesProtobuf(data).object as {
      metadata: Record<string, unknown>;
      spec: Record<string, unknown>;
    };
    expect(object.spec.backoffLimit).toBe(0);
    expect(object.metadata.deletionGracePeriodSeconds).toBe(-5);
  });

  it('turns IntOrString into a number or a string', () => {
    const ports = [
      msg(1, str(1, 'http'), num(3, 80), msg(4, num(1, 1), str(3, 'web'))),
      msg(1, num(3, 81), msg(4, num(1, 0), num(2, 8081))),
    ];
    const data = body('v1', 'Service', objectMeta(1, 's'), msg(2, ...ports));
    const spec = decodeKubernetesProtobuf(data).object.spec as { ports: unknown[] };
    expect(spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'web' },
      { port: 81, targetPort: 8081 },
    ]);
  });

  it('reads quantities as strings', () => {
    const hard = entry(1, 'pods', msg(2, str(1, '10'))); // ResourceQuotaSpec.hard
    const data = body('v1', 'ResourceQuota', objectMeta(1, 'q'), msg(2, hard));
    expect(decodeKubernetesProtobuf(data).object.spec).toEqual({ hard: { pods: '10' } });
  });

  it('merges inline (embedded) fields into the parent: Volume.volumeSource and ConfigMapVolumeSource.name', () => {
    const configMapSource = msg(19, msg(1, str(1, 'settings'))); // VolumeSource.configMap{localObjectReference{name}}
    const volume = msg(1, str(1, 'config'), msg(2, configMapSource));
    const podSpec = msg(2, volume, msg(2, str(1, 'c'), str(2, 'busybox')));
    const data = body('v1', 'Pod', objectMeta(1, 'p'), podSpec);
    const spec = decodeKubernetesProtobuf(data).object.spec as { volumes: unknown[] };
    expect(spec.volumes).toEqual([{ name: 'config', configMap: { name: 'settings' } }]);
  });

  it('unpacks packed repeated numbers', () => {
    const securityContext = msg(14, bytes(4, [...varint(1000), ...varint(2000)]));
    const data = body('v1', 'Pod', objectMeta(1, 'p'), msg(2, securityContext));
    const spec = decodeKubernetesProtobuf(data).object.spec as { securityContext: unknown };
    expect(spec.securityContext).toEqual({ supplementalGroups: [1000, 2000] });
  });

  it('decodes an authorization review with its nested attributes', () => {
    const attributes = msg(
      1,
      str(1, 'default'),
      str(2, 'create'),
      str(3, 'apps'),
      str(5, 'deployments'),
      str(6, ''),
      str(7, ''),
    );
    const data = body(
      'authorization.k8s.io/v1',
      'SelfSubjectAccessReview',
      objectMeta(1, ''),
      msg(2, attributes),
      msg(3, num(1, false), num(4, false)),
    );
    expect(decodeKubernetesProtobuf(data).object).toEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'default', verb: 'create', group: 'apps', resource: 'deployments' } },
      status: { allowed: false },
    });
  });

  it.each([
    ['an empty body', Uint8Array.from([]), 'empty data'],
    [
      'a JSON body',
      Uint8Array.from(Buffer.from('{"kind":"Pod"}')),
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    ],
    ['only the prefix', Uint8Array.from([0x6b, 0x38, 0x73, 0x00]), 'empty body'],
  ])("rejects %s with upstream's message", (_name, data, message) => {
    const error = decodeError(data);
    expect(error.code).toBe(400);
    expect(error.reason).toBe('BadRequest');
    expect(error.message).toBe(message);
  });

  it.each([
    ['a truncated envelope', Uint8Array.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0f, 0x0a, 0x02, 0x76])],
    ['a truncated object', body('v1', 'Namespace', [0x0a, 0x08, 0x0a, 0x04, 0x64])],
    ['garbage after the prefix', Uint8Array.from([0x6b, 0x38, 0x73, 0x00, 0xff, 0xff, 0xff])],
    ['a string where a message belongs', body('v1', 'Namespace', num(1, 7))],
    ['a group (wire type 3)', body('v1', 'Namespace', [0x0b])],
  ])('rejects %s as a bad request', (_name, data) => {
    const error = decodeError(data);
    expect(error.code).toBe(400);
    expect(error.message).toMatch(/^unable to decode protobuf: /);
  });

  it('rejects a kind the API does not know', () => {
    expect(decodeError(body('v1', 'Widget', objectMeta(1, 'w'))).message).toBe(
      'no kind "Widget" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    );
  });

  it('rejects an envelope without a kind', () => {
    expect(decodeError(body('v1', '')).message).toBe(
      `Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:"v1", Kind:""}'`,
    );
  });
});
