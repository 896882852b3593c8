// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostResult } from '../../engine/protocol/host-api.ts';
import { HostCallError } from '../services/host-client.ts';
import { setHostClient } from '../services/host.ts';
import { FakeHostClient } from '../testing/fake-host-client.ts';
import { tabTitle, useEditorStore } from './editor-store.ts';

const YAML = `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
`;

function start(apply: (params: { yaml: string; dryRun?: boolean; force?: boolean }) => HostResult<'objects.apply'>) {
  const client = new FakeHostClient().openStreams().on('objects.apply', apply);
  setHostClient(client);
  setActivePinia(createPinia());
  const store = useEditorStore();
  store.newFromTemplate({ kind: 'Deployment', yaml: YAML });
  return { client, store };
}

describe('the editor store', () => {
  afterEach(() => setHostClient(undefined));

  it('applies the active tab and reports what happened as kubectl words it', async () => {
    const { client, store } = start(() => ({
      outcomes: [
        {
          document: 0,
          ref: { group: '', version: 'v1', resource: 'configmaps', name: 'a' },
          action: 'created',
          object: { kind: 'ConfigMap' },
        },
        {
          document: 1,
          ref: { group: 'apps', version: 'v1', resource: 'deployments', name: 'web' },
          action: 'unchanged',
          object: { kind: 'Deployment' },
        },
      ],
    }));
    await store.apply();
    expect(client.callsOf('objects.apply')).toEqual([{ yaml: YAML }]);
    expect(store.message?.kind).toBe('success');
    expect(store.message?.text).toBe('configmap/a created, deployment.apps/web unchanged');
  });

  it('asks for a dry run and says so', async () => {
    const { client, store } = start(() => ({
      outcomes: [
        { document: 0, ref: { group: '', version: 'v1', resource: 'configmaps', name: 'a' }, action: 'created' },
      ],
    }));
    await store.apply(true);
    expect(client.callsOf('objects.apply')).toEqual([{ yaml: YAML, dryRun: true }]);
    expect(store.message?.text).toBe('configmaps/a created (server dry run)');
  });

  it('puts an error with a field on that field line of its document', async () => {
    const { store } = start(() => ({
      outcomes: [
        { document: 0, action: 'unchanged', ref: { group: '', version: 'v1', resource: 'configmaps', name: 'a' } },
        {
          document: 1,
          error: {
            code: 422,
            reason: 'Invalid',
            message: 'must be greater than or equal to 0',
            field: 'spec.replicas',
          },
        },
      ],
    }));
    await store.apply();
    expect(store.active?.errors).toMatchObject([
      { line: 11, message: 'spec.replicas: must be greater than or equal to 0' },
    ]);
    expect(store.message?.kind).toBe('error');
    expect(store.message?.lines[0]).toBe('line 11: spec.replicas: must be greater than or equal to 0');
  });

  it('places an error of the whole call that names a document', async () => {
    const { store } = start(() => {
      throw new HostCallError({ code: 400, reason: 'BadRequest', message: 'error parsing YAML', document: 1 });
    });
    await store.apply();
    expect(store.active?.errors.map((e) => e.line)).toEqual([6]);
    expect(store.message?.text).toBe('line 6: error parsing YAML');
  });

  it('clears the errors of a tab when an apply succeeds', async () => {
    let fail = true;
    const { store } = start(() => ({
      outcomes: fail ? [{ document: 0, error: { code: 500, reason: 'InternalError', message: 'boom' } }] : [],
    }));
    await store.apply();
    expect(store.active?.errors).toHaveLength(1);
    fail = false;
    await store.apply();
    expect(store.active?.errors).toEqual([]);
  });

  it('names a new tab after the kind and name its YAML gets', () => {
    const { store } = start(() => ({ outcomes: [] }));
    const id = store.activeId!;
    store.setText(id, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\n');
    expect(store.active?.title).toBe('Pod/hello');
  });
});

describe('a tab title', () => {
  it.each([
    [
      'kind and name of the first document',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    a: b\n  name: p\n',
      'Pod/p',
    ],
    [
      'the first document that has a kind',
      '# comment\n---\nkind: Service\nmetadata:\n  name: "web"\n---\nkind: Pod\n',
      'Service/web',
    ],
    ['the kind alone without a name', 'kind: Namespace\n', 'Namespace'],
    ['the old title without a kind', 'foo: bar\n', 'Untitled'],
  ])('is %s', (_name, text, title) => {
    expect(tabTitle(text, 'Untitled')).toBe(title);
  });
});

describe('deleting', () => {
  afterEach(() => setHostClient(undefined));

  it('deletes the object a tab was opened from, and says so', async () => {
    const ref = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'web' };
    const client = new FakeHostClient()
      .openStreams()
      .on('objects.yaml', () => ({ yaml: 'kind: Deployment\n' }))
      .on('objects.delete', () => ({ status: 'Success' }));
    setHostClient(client);
    setActivePinia(createPinia());
    const store = useEditorStore();
    await store.openObject(ref, 'Deployment');
    await store.deleteObjects();
    expect(client.callsOf('objects.delete')).toEqual([{ ref }]);
    expect(store.message).toEqual({ kind: 'success', text: 'deployments.apps/web deleted', lines: [] });
  });
});

describe('a conflict', () => {
  afterEach(() => setHostClient(undefined));

  it('offers to apply with force, which the next apply asks for', async () => {
    const { client, store } = start(({ force }) => ({
      outcomes: force
        ? [{ document: 0, ref: { group: '', version: 'v1', resource: 'configmaps', name: 'a' }, action: 'configured' }]
        : [{ document: 0, error: { code: 409, reason: 'Conflict', message: 'conflict with "kubectl-scale"' } }],
    }));
    await store.apply();
    expect(store.message?.conflict).toBe(true);
    await store.apply(false, true);
    expect(client.callsOf('objects.apply')).toEqual([{ yaml: YAML }, { yaml: YAML, force: true }]);
    expect(store.message).toMatchObject({ kind: 'success', text: 'configmaps/a configured' });
    expect(store.message?.conflict).toBeUndefined();
  });
});
