import { describe, expect, test } from 'vitest';
import type { KubeObject, ManagedFieldsEntry } from '../../api/object.ts';
import { resolveField } from '../../api/schema-table.ts';
import { builtinSchemas } from '../../api/schemas.ts';
import { testLookup, widgetSchema } from './test-schema.ts';
import type { UpdateManagedFieldsArgs } from './update-managed-fields.ts';
import { updateManagedFields } from './update-managed-fields.ts';

const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-01T10:05:00Z';

function widget(spec: Record<string, unknown>, metadata: KubeObject['metadata'] = {}): KubeObject {
  return {
    apiVersion: 'example.io/v1',
    kind: 'Widget',
    metadata: { name: 'w', namespace: 'default', ...metadata },
    spec,
  };
}

function run(
  args: Partial<UpdateManagedFieldsArgs> & Pick<UpdateManagedFieldsArgs, 'updated' | 'manager'>,
): KubeObject {
  return updateManagedFields({
    old: undefined,
    apiVersion: 'example.io/v1',
    time: T0,
    schema: widgetSchema,
    lookup: testLookup,
    resetFields: [['status']],
    ...args,
  });
}

/** Stores an object as the registry would: with a uid. */
function stored(object: KubeObject): KubeObject {
  return { ...object, metadata: { ...object.metadata, uid: 'uid-1' } };
}

function entries(object: KubeObject): Record<string, Partial<ManagedFieldsEntry>> {
  const out: Record<string, Partial<ManagedFieldsEntry>> = {};
  for (const entry of object.metadata.managedFields ?? []) out[entry.manager ?? ''] = entry;
  return out;
}

describe('updateManagedFields', () => {
  test('create records the creator’s fields with operation Update and the time', () => {
    const created = run({
      updated: widget({ replicas: 1, containers: [{ name: 'a', image: 'x' }] }, { labels: { app: 'w' } }),
      manager: 'kubectl-create',
    });
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'example.io/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
            'f:replicas': {},
          },
        },
      },
    ]);
  });

  test('an update by another manager moves the changed fields to it and keeps the first manager’s time', () => {
    const created = stored(
      run({
        updated: widget({ replicas: 1, paused: false, containers: [{ name: 'a', image: 'x' }] }),
        manager: 'kubectl-create',
      }),
    );
    const edited = run({
      old: created,
      updated: { ...created, spec: { ...(created.spec as object), replicas: 3 } },
      manager: 'kubectl-edit',
      time: T1,
    });
    const byManager = entries(edited);
    expect(byManager['kubectl-create']).toMatchObject({
      time: T0,
      fieldsV1: {
        'f:spec': { 'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {} } }, 'f:paused': {} },
      },
    });
    expect(byManager['kubectl-edit']).toMatchObject({ time: T1, fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
    expect(edited.metadata.managedFields?.map((e) => e.manager)).toEqual(['kubectl-create', 'kubectl-edit']);
  });

  test('a manager left with no fields is dropped', () => {
    const created = stored(run({ updated: widget({ replicas: 1 }), manager: 'creator' }));
    const edited = run({ old: created, updated: { ...created, spec: { replicas: 2 } }, manager: 'editor', time: T1 });
    expect(Object.keys(entries(edited))).toEqual(['editor']);
  });

  test('a write that changes nothing leaves the entries and their times alone', () => {
    const created = stored(run({ updated: widget({ replicas: 1 }), manager: 'creator' }));
    const same = run({ old: created, updated: structuredClone(created), manager: 'editor', time: T1 });
    expect(same.metadata.managedFields).toEqual(created.metadata.managedFields);
  });

  test('a status sub-resource write is recorded with subresource status', () => {
    const created = stored(run({ updated: widget({ replicas: 1 }), manager: 'creator' }));
    const withStatus = run({
      old: created,
      updated: { ...created, status: { ready: 1, conditions: [{ type: 'Ready', status: 'True' }] } },
      manager: 'widget-controller',
      subresource: 'status',
      resetFields: [['spec']],
      time: T1,
    });
    expect(entries(withStatus)['widget-controller']).toEqual({
      manager: 'widget-controller',
      operation: 'Update',
      apiVersion: 'example.io/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:status': {
          'f:conditions': { '.': {}, 'k:{"type":"Ready"}': { '.': {}, 'f:status': {}, 'f:type': {} } },
          'f:ready': {},
        },
      },
      subresource: 'status',
    });
  });

  test('a sub-resource write ignores managedFields sent by the client', () => {
    const created = stored(run({ updated: widget({ replicas: 1 }), manager: 'creator' }));
    const written = run({
      old: created,
      updated: { ...created, metadata: { ...created.metadata, managedFields: [] }, status: { ready: 1 } },
      manager: 'ctrl',
      subresource: 'status',
      resetFields: [['spec']],
    });
    expect(Object.keys(entries(written))).toEqual(['creator', 'ctrl']);
  });

  test.each([
    ['an empty list', []],
    ['a list of one empty entry', [{}]],
  ])('%s resets the managed fields, and an existing object is then not tracked', (_name, managedFields) => {
    const created = stored(run({ updated: widget({ replicas: 1 }), manager: 'creator' }));
    const reset = run({
      old: created,
      updated: {
        ...created,
        metadata: { ...created.metadata, managedFields: managedFields as ManagedFieldsEntry[] },
        spec: { replicas: 2 },
      },
      manager: 'editor',
    });
    expect(reset.metadata.managedFields).toBeUndefined();
    const next = run({ old: reset, updated: { ...reset, spec: { replicas: 3 } }, manager: 'editor' });
    expect(next.metadata.managedFields).toBeUndefined();
  });

  test('an empty list on create starts tracking from the creator', () => {
    const created = run({ updated: widget({ replicas: 1 }, { managedFields: [] }), manager: 'creator' });
    expect(Object.keys(entries(created))).toEqual(['creator']);
  });

  test('a valid list sent by the client replaces the stored one', () => {
    const created = stored(run({ updated: widget({ replicas: 1 }), manager: 'creator' }));
    const supplied: ManagedFieldsEntry[] = [
      {
        manager: 'someone',
        operation: 'Apply',
        apiVersion: 'example.io/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      },
    ];
    const replaced = run({
      old: created,
      updated: { ...created, metadata: { ...created.metadata, managedFields: supplied } },
      manager: 'editor',
    });
    expect(replaced.metadata.managedFields).toEqual(supplied);
  });

  test('an invalid list sent by the client is ignored in favour of the stored one', () => {
    const created = stored(run({ updated: widget({ replicas: 1 }), manager: 'creator' }));
    const bad = [{ manager: 'x', operation: 'Patch', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {} }];
    const kept = run({
      old: created,
      updated: { ...created, metadata: { ...created.metadata, managedFields: bad as unknown as ManagedFieldsEntry[] } },
      manager: 'editor',
    });
    expect(kept.metadata.managedFields).toEqual(created.metadata.managedFields);
  });

  test('an existing object without managedFields stays untracked by updates', () => {
    const legacy = stored(widget({ replicas: 1 }));
    expect(
      run({ old: legacy, updated: { ...legacy, spec: { replicas: 2 } }, manager: 'editor' }).metadata.managedFields,
    ).toBeUndefined();
  });

  test('a write without a manager name is recorded as unknown', () => {
    expect(Object.keys(entries(run({ updated: widget({ replicas: 1 }), manager: '' })))).toEqual(['unknown']);
  });

  test('more than ten update managers are merged, oldest first, into ancient-changes', () => {
    let object = stored(run({ updated: widget({ replicas: 1 }), manager: 'creator' }));
    for (let i = 0; i < 12; i++) {
      object = run({
        old: object,
        updated: { ...object, metadata: { ...object.metadata, labels: { ...object.metadata.labels, [`l${i}`]: 'x' } } },
        manager: `labeler-${i}`,
        time: `2024-05-01T11:00:${String(i).padStart(2, '0')}Z`,
      });
    }
    const managers = (object.metadata.managedFields ?? []).map((e) => e.manager);
    expect(managers).toHaveLength(10);
    expect(managers.slice(0, 2)).toEqual(['ancient-changes', 'labeler-3']);
    expect(entries(object)['ancient-changes']).toMatchObject({
      time: '2024-05-01T11:00:02Z',
      fieldsV1: {
        'f:metadata': { 'f:labels': { '.': {}, 'f:l0': {}, 'f:l1': {}, 'f:l2': {} } },
        'f:spec': { 'f:replicas': {} },
      },
    });
  });

  test('an object with a list item that has no key loses its managedFields, as upstream does on failure', () => {
    const created = stored(run({ updated: widget({ replicas: 1 }), manager: 'creator' }));
    const broken = run({
      old: created,
      updated: { ...created, spec: { containers: [{ image: 'x' }] } },
      manager: 'editor',
    });
    expect(broken.metadata.managedFields).toBeUndefined();
  });

  test('does not change its inputs', () => {
    const created = stored(run({ updated: widget({ replicas: 1 }), manager: 'creator' }));
    const updated = { ...created, spec: { replicas: 2 } };
    const snapshot = structuredClone([created, updated]);
    run({ old: created, updated, manager: 'editor' });
    expect([created, updated]).toEqual(snapshot);
  });
});

describe('updateManagedFields on the built-in Deployment schema', () => {
  const schema = resolveField(builtinSchemas, { ref: 'io.k8s.api.apps.v1.Deployment' });

  /** What `kubectl create deployment web --image=nginx` sends, once the API server has defaulted it. */
  const created: KubeObject = {
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
    status: {},
  };

  function deployment(args: Partial<UpdateManagedFieldsArgs> & Pick<UpdateManagedFieldsArgs, 'updated' | 'manager'>) {
    return updateManagedFields({
      old: undefined,
      apiVersion: 'apps/v1',
      time: '2024-05-01T10:00:00Z',
      schema,
      lookup: builtinSchemas,
      resetFields: [['status']],
      ...args,
    });
  }

  test('kubectl create deployment records, byte for byte, what a real cluster shows', () => {
    const result = deployment({ updated: created, manager: 'kubectl-create' });
    expect(JSON.stringify(result.metadata.managedFields)).toBe(
      '[{"manager":"kubectl-create","operation":"Update","apiVersion":"apps/v1","time":"2024-05-01T10:00:00Z",' +
        '"fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{' +
        '"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},' +
        '"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},' +
        '"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{' +
        '"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},' +
        '"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:restartPolicy":{},' +
        '"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}}]',
    );
  });

  test('the deployment controller’s status write records its conditions as a real cluster shows', () => {
    const createdWithFields = deployment({ updated: created, manager: 'kubectl-create' });
    const live = { ...createdWithFields, metadata: { ...createdWithFields.metadata, uid: 'u' } };
    const condition = (type: string) => ({
      type,
      status: 'True',
      lastUpdateTime: '2024-05-01T10:00:05Z',
      lastTransitionTime: '2024-05-01T10:00:05Z',
      reason: 'MinimumReplicasAvailable',
      message: 'Deployment has minimum availability.',
    });
    const result = deployment({
      old: live,
      updated: {
        ...live,
        status: {
          observedGeneration: 1,
          replicas: 1,
          updatedReplicas: 1,
          readyReplicas: 1,
          availableReplicas: 1,
          conditions: [condition('Available'), condition('Progressing')],
        },
      },
      manager: 'kube-controller-manager',
      subresource: 'status',
      resetFields: [['spec']],
      time: '2024-05-01T10:00:05Z',
    });
    const conditionFields = {
      '.': {},
      'f:lastTransitionTime': {},
      'f:lastUpdateTime': {},
      'f:message': {},
      'f:reason': {},
      'f:status': {},
      'f:type': {},
    };
    expect(result.metadata.managedFields?.[1]).toEqual({
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: '2024-05-01T10:00:05Z',
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:status': {
          'f:availableReplicas': {},
          'f:conditions': {
            '.': {},
            'k:{"type":"Available"}': conditionFields,
            'k:{"type":"Progressing"}': conditionFields,
          },
          'f:observedGeneration': {},
          'f:readyReplicas': {},
          'f:replicas': {},
          'f:updatedReplicas': {},
        },
      },
      subresource: 'status',
    });
  });
});
