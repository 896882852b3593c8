import { describe, expect, test } from 'vitest';
import type { KubeObject, ManagedFieldsEntry } from '../../api/object.ts';
import { resolveField } from '../../api/schema-table.ts';
import { builtinSchemas } from '../../api/schemas.ts';
import { StatusError } from '../errors/status-error.ts';
import type { ApplyConfigurationArgs } from './apply-configuration.ts';
import { applyConfiguration } from './apply-configuration.ts';
import { LAST_APPLIED_ANNOTATION } from './last-applied.ts';
import { testLookup, widgetSchema } from './test-schema.ts';
import { updateManagedFields } from './update-managed-fields.ts';

const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-01T10:05:00Z';

function widget(spec: Record<string, unknown>, metadata: KubeObject['metadata'] = {}): KubeObject {
  return { apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w', ...metadata }, spec };
}

function applied(
  args: Partial<ApplyConfigurationArgs> & Pick<ApplyConfigurationArgs, 'config' | 'manager'>,
): KubeObject {
  const result = applyConfiguration({
    live: undefined,
    force: false,
    apiVersion: 'example.io/v1',
    time: T0,
    schema: widgetSchema,
    lookup: testLookup,
    resetFields: [['status']],
    ...args,
  });
  return { ...result, metadata: { ...result.metadata, uid: 'uid-1' } };
}

function statusOf(run: () => unknown): StatusError['status'] {
  try {
    run();
  } catch (error) {
    if (error instanceof StatusError) return error.status;
    throw error;
  }
  throw new Error('expected a StatusError');
}

function entries(object: KubeObject): Record<string, Partial<ManagedFieldsEntry>> {
  const out: Record<string, Partial<ManagedFieldsEntry>> = {};
  for (const entry of object.metadata.managedFields ?? []) out[entry.manager ?? ''] = entry;
  return out;
}

const app = (spec: Record<string, unknown>): KubeObject => widget({ containers: [{ name: 'a', image: 'x' }], ...spec });

describe('applyConfiguration', () => {
  test('creates an object and records the applier’s fields with operation Apply', () => {
    const created = applied({ config: app({ replicas: 2 }), manager: 'alice' });
    expect(created.spec).toEqual({ containers: [{ name: 'a', image: 'x' }], replicas: 2 });
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'alice',
        operation: 'Apply',
        apiVersion: 'example.io/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:spec': {
            'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
            'f:replicas': {},
          },
        },
      },
    ]);
  });

  test('apply by a second manager with a different value fails with a conflict', () => {
    const live = applied({ config: app({ replicas: 2 }), manager: 'alice' });
    expect(statusOf(() => applied({ live, config: app({ replicas: 3 }), manager: 'bob' }))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas',
      reason: 'Conflict',
      details: {
        causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.spec.replicas' }],
      },
      code: 409,
    });
  });

  test('a conflict with an updater names its API version', () => {
    const created = updateManagedFields({
      old: undefined,
      updated: app({ replicas: 2 }),
      manager: 'kubectl-client-side-apply',
      apiVersion: 'example.io/v1',
      time: T0,
      schema: widgetSchema,
      lookup: testLookup,
    });
    const live = { ...created, metadata: { ...created.metadata, uid: 'u' } };
    const status = statusOf(() => applied({ live, config: app({ replicas: 3 }), manager: 'bob' }));
    expect(status.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using example.io/v1: .spec.replicas',
    );
  });

  test('force takes ownership of the conflicting field', () => {
    const live = applied({ config: app({ replicas: 2 }), manager: 'alice' });
    const forced = applied({ live, config: widget({ replicas: 3 }), manager: 'bob', force: true, time: T1 });
    expect((forced.spec as { replicas: number }).replicas).toBe(3);
    expect(entries(forced).alice?.fieldsV1).toEqual({
      'f:spec': { 'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
    });
    expect(entries(forced).bob).toMatchObject({ time: T1, fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
  });

  test('two managers applying the same value share it', () => {
    const live = applied({ config: app({ replicas: 2 }), manager: 'alice' });
    const shared = applied({ live, config: widget({ replicas: 2 }), manager: 'bob', time: T1 });
    expect(entries(shared).bob?.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(entries(shared).alice?.fieldsV1).toMatchObject({ 'f:spec': { 'f:replicas': {} } });
  });

  test('dropping a field from the applied configuration removes it from the object', () => {
    const live = applied({ config: app({ replicas: 2, paused: true }), manager: 'alice' });
    const next = applied({ live, config: app({ replicas: 2 }), manager: 'alice', time: T1 });
    expect(next.spec).toEqual({ containers: [{ name: 'a', image: 'x' }], replicas: 2 });
    expect(entries(next).alice?.time).toBe(T1);
  });

  test('dropping a field another manager also owns keeps it', () => {
    const live = applied({ config: app({ paused: true }), manager: 'alice' });
    const both = applied({ live, config: widget({ paused: true }), manager: 'bob' });
    const next = applied({ live: both, config: app({}), manager: 'alice' });
    expect((next.spec as { paused: boolean }).paused).toBe(true);
  });

  test('associative lists merge containers by name, each applier owning its own', () => {
    const live = applied({ config: widget({ containers: [{ name: 'a', image: 'x' }] }), manager: 'alice' });
    const both = applied({ live, config: widget({ containers: [{ name: 'b', image: 'y' }] }), manager: 'bob' });
    expect(both.spec).toEqual({
      containers: [
        { name: 'a', image: 'x' },
        { name: 'b', image: 'y' },
      ],
    });
    const withoutA = applied({ live: both, config: widget({ containers: [] }), manager: 'alice' });
    expect(withoutA.spec).toEqual({ containers: [{ name: 'b', image: 'y' }] });
  });

  test('sets are unioned and atomic lists replaced', () => {
    const live = applied({ config: app({ tags: ['a'], args: ['--x'] }), manager: 'alice' });
    const next = applied({ live, config: widget({ tags: ['b'], args: ['--y'] }), manager: 'bob', force: true });
    expect(next.spec).toMatchObject({ tags: ['a', 'b'], args: ['--y'] });
  });

  test('applying the same configuration again changes nothing, not even the time', () => {
    const live = applied({ config: app({ replicas: 2 }), manager: 'alice' });
    const again = applied({ live, config: app({ replicas: 2 }), manager: 'alice', time: T1 });
    expect(again.metadata.managedFields).toEqual(live.metadata.managedFields);
  });

  test('an object nobody tracks yet is first adopted by before-first-apply', () => {
    const legacy: KubeObject = { ...app({ replicas: 2, paused: true }), metadata: { name: 'w', uid: 'u' } };
    const next = applied({ live: legacy, config: widget({ replicas: 2 }), manager: 'alice', time: T1 });
    expect(Object.keys(entries(next))).toEqual(['alice', 'before-first-apply']);
    expect(entries(next)['before-first-apply']).toMatchObject({ operation: 'Update', time: T1 });
  });

  test('kubectl after a client-side apply takes over the fields its last-applied annotation explains', () => {
    const lastApplied = `${JSON.stringify(app({ replicas: 2 }))}\n`;
    const created = updateManagedFields({
      old: undefined,
      updated: {
        ...app({ replicas: 2 }),
        metadata: { name: 'w', annotations: { [LAST_APPLIED_ANNOTATION]: lastApplied } },
      },
      manager: 'kubectl-client-side-apply',
      apiVersion: 'example.io/v1',
      time: T0,
      schema: widgetSchema,
      lookup: testLookup,
    });
    const live = { ...created, metadata: { ...created.metadata, uid: 'u' } };
    const next = applied({ live, config: app({ replicas: 5 }), manager: 'kubectl', time: T1 });
    expect((next.spec as { replicas: number }).replicas).toBe(5);
    expect(next.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"example.io/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"containers":[{"image":"x","name":"a"}],"replicas":5}}\n',
    );
    expect(entries(next)['kubectl-client-side-apply']?.fieldsV1).not.toHaveProperty(['f:spec', 'f:replicas']);

    const status = statusOf(() => applied({ live, config: app({ replicas: 5 }), manager: 'argocd' }));
    expect(status.code).toBe(409);
  });

  test('kubectl still gets the conflicts its last-applied annotation does not explain', () => {
    const lastApplied = `${JSON.stringify(app({ replicas: 2 }))}\n`;
    const created = updateManagedFields({
      old: undefined,
      updated: {
        ...app({ replicas: 2 }),
        metadata: { name: 'w', annotations: { [LAST_APPLIED_ANNOTATION]: lastApplied } },
      },
      manager: 'kubectl-client-side-apply',
      apiVersion: 'example.io/v1',
      time: T0,
      schema: widgetSchema,
      lookup: testLookup,
    });
    const scaled = updateManagedFields({
      old: created,
      updated: { ...created, spec: { ...(created.spec as object), replicas: 4 } },
      manager: 'kubectl-scale',
      apiVersion: 'example.io/v1',
      time: T1,
      schema: widgetSchema,
      lookup: testLookup,
    });
    const live = { ...scaled, metadata: { ...scaled.metadata, uid: 'u' } };
    const status = statusOf(() => applied({ live, config: app({ replicas: 5 }), manager: 'kubectl' }));
    expect(status.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-scale" using example.io/v1: .spec.replicas',
    );
  });

  test('nulls in the configuration are owned but do not reach the object', () => {
    const created = applied({
      config: { ...app({}), metadata: { name: 'w', annotations: null as never } },
      manager: 'alice',
    });
    expect(created.metadata).not.toHaveProperty('annotations');
    expect(entries(created).alice?.fieldsV1).toMatchObject({ 'f:metadata': { 'f:annotations': {} } });
  });

  test.each<[string, Partial<ApplyConfigurationArgs>, { code: number; message: string }]>([
    [
      'no field manager',
      { manager: '' },
      {
        code: 422,
        message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      },
    ],
    [
      'another kind',
      { config: { ...app({}), kind: 'Gadget' } },
      { code: 400, message: 'invalid object type: example.io/v1, Kind=Gadget' },
    ],
    [
      'another version',
      { config: { ...app({}), apiVersion: 'example.io/v2' } },
      { code: 400, message: 'invalid object type: example.io/v2, Kind=Widget' },
    ],
    [
      'managedFields in the configuration',
      { config: { ...app({}), metadata: { name: 'w', managedFields: [] } } },
      { code: 400, message: 'metadata.managedFields must be nil' },
    ],
    [
      'a field the schema does not declare',
      { config: { ...app({}), metadata: { name: 'w', namespace: 'ns' }, spec: { foo: 1 } } },
      {
        code: 500,
        message:
          'failed to create typed patch object (ns/w; example.io/v1, Kind=Widget): .spec.foo: field not declared in schema',
      },
    ],
  ])('refuses an apply with %s', (_name, override, expected) => {
    const status = statusOf(() => applied({ config: app({}), manager: 'alice', ...override }));
    expect({ code: status.code, message: status.message }).toEqual(expected);
  });

  test('does not change its inputs', () => {
    const live = applied({ config: app({ replicas: 2, paused: true }), manager: 'alice' });
    const config = app({ replicas: 3 });
    const snapshot = structuredClone([live, config]);
    applied({ live, config, manager: 'alice' });
    expect([live, config]).toEqual(snapshot);
  });
});

describe('applyConfiguration on the built-in Deployment schema', () => {
  const schema = resolveField(builtinSchemas, { ref: 'io.k8s.api.apps.v1.Deployment' });
  const options = { schema, lookup: builtinSchemas, apiVersion: 'apps/v1', resetFields: [['status']] };

  /** `kubectl create deployment web --image=nginx`, defaulted, as stored. */
  const created = updateManagedFields({
    ...options,
    old: undefined,
    manager: 'kubectl-create',
    time: T0,
    updated: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
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
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    },
  });
  const live: KubeObject = { ...created, metadata: { ...created.metadata, uid: 'uid-web', creationTimestamp: T0 } };

  /** What `kubectl create deployment web --image=nginx --dry-run=client -o yaml` writes, applied back. */
  const dryRunOutput: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { creationTimestamp: null, labels: { app: 'web' }, name: 'web' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: {},
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: { containers: [{ image: 'nginx', name: 'nginx', resources: {} }] },
      },
    },
    status: {},
  };

  test('kubectl apply --server-side of the same deployment shares its fields with kubectl-create, byte for byte', () => {
    const result = applyConfiguration({
      ...options,
      live,
      config: dryRunOutput,
      manager: 'kubectl',
      force: false,
      time: T1,
    });
    expect(result.spec).toEqual(live.spec);
    // The entry has a time because `creationTimestamp: null` changes the merged object (the registry then keeps the
    // stored creationTimestamp), as on a real API server.
    expect(JSON.stringify(result.metadata.managedFields?.[0])).toBe(
      '{"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2024-05-01T10:05:00Z",' +
        '"fieldsType":"FieldsV1","fieldsV1":{' +
        '"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:strategy":{},' +
        '"f:template":{"f:metadata":{"f:creationTimestamp":{},"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{' +
        '"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{},"f:resources":{}}}}}}}}',
    );
    expect(result.metadata.managedFields?.[1]).toEqual(created.metadata.managedFields?.[0]);
  });

  test('kubectl apply --server-side with more replicas conflicts with kubectl-create, and --force-conflicts takes them', () => {
    const scaled = { ...dryRunOutput, spec: { ...(dryRunOutput.spec as object), replicas: 3 } };
    const status = statusOf(() =>
      applyConfiguration({ ...options, live, config: scaled, manager: 'kubectl', force: false, time: T1 }),
    );
    expect(status.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: .spec.replicas',
    );
    const forced = applyConfiguration({ ...options, live, config: scaled, manager: 'kubectl', force: true, time: T1 });
    expect((forced.spec as { replicas: number }).replicas).toBe(3);
    expect(forced.metadata.managedFields?.[0]).toMatchObject({ manager: 'kubectl', time: T1 });
    expect(JSON.stringify(forced.metadata.managedFields?.[1]?.fieldsV1)).not.toContain('f:replicas');
  });

  test('container ports are keyed by port and the protocol’s default', () => {
    const config: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: {
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'api', image: 'api:1', ports: [{ containerPort: 8080 }] }] },
        },
      },
    };
    const result = applyConfiguration({
      ...options,
      live: undefined,
      config,
      manager: 'kubectl',
      force: false,
      time: T0,
    });
    expect(result.metadata.managedFields?.[0]?.fieldsV1).toEqual({
      'f:spec': {
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"api"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":8080,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    });
  });
});
