import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { ControllerRevision } from './controller-history.ts';
import {
  CONTROLLER_REVISIONS,
  CONTROLLER_REVISION_HASH_LABEL,
  ControllerHistory,
  controllerRevisionName,
  equalRevision,
  findEqualRevisions,
  fnv32,
  hashControllerRevision,
  newControllerRevision,
  nextRevision,
  sortControllerRevisions,
} from './controller-history.ts';
import { controllerIndexedInformer } from './controller-ref.ts';
import { WorkloadTestCluster } from './workload-test-cluster.ts';

const STATEFUL_SET = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
const parent: KubeObject = { metadata: { name: 'web', namespace: 'default', uid: 'uid-web' } };
const data = (image: string) => ({ spec: { template: { $patch: 'replace', spec: { containers: [{ image }] } } } });

function revision(name: string, number: number, creationTimestamp = '2024-05-01T00:00:00Z'): ControllerRevision {
  return { metadata: { name, creationTimestamp }, revision: number, data: data(name) };
}

describe('ControllerRevision history', () => {
  it.each([
    ['the empty string hashes to the offset basis', '', 0x811c9dc5],
    ['"a" hashes to the FNV-1 test vector', 'a', 0x050c5d7e],
    ['"foobar" hashes to the FNV-1 test vector', 'foobar', 0x31f0b262],
  ])('%s', (_case, text, hash) => {
    expect(fnv32(text)).toBe(hash);
  });

  it('hashes the same data the same way whatever the key order, and differently per collision count', () => {
    const a = { spec: { template: { b: 1, a: 2 } } };
    const b = { spec: { template: { a: 2, b: 1 } } };
    expect(hashControllerRevision(a)).toBe(hashControllerRevision(b));
    expect(hashControllerRevision(a, 1)).not.toBe(hashControllerRevision(a));
    expect(hashControllerRevision(a)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });

  it('names a revision after its parent, cutting a long parent name to 223 characters', () => {
    expect(controllerRevisionName('web', 'abc')).toBe('web-abc');
    expect(controllerRevisionName('x'.repeat(300), 'abc')).toBe(`${'x'.repeat(223)}-abc`);
  });

  it('builds a revision with the template labels, the hash label and a controller reference', () => {
    const built = newControllerRevision(parent, STATEFUL_SET, { app: 'web' }, data('nginx'), 3, 0);
    const hash = hashControllerRevision(data('nginx'), 0);
    expect(built.metadata).toMatchObject({
      name: `web-${hash}`,
      namespace: 'default',
      labels: { app: 'web', [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [{ kind: 'StatefulSet', name: 'web', uid: 'uid-web', controller: true }],
    });
    expect(built.revision).toBe(3);
  });

  it('sorts by revision, then creation time, then name', () => {
    const sorted = sortControllerRevisions([
      revision('c', 2),
      revision('b', 1, '2024-05-01T00:00:05Z'),
      revision('a', 1, '2024-05-01T00:00:05Z'),
      revision('d', 1, '2024-05-01T00:00:01Z'),
    ]);
    expect(sorted.map((r) => r.metadata.name)).toEqual(['d', 'a', 'b', 'c']);
    expect(nextRevision(sorted)).toBe(3);
    expect(nextRevision([])).toBe(1);
  });

  it('finds revisions with equal data', () => {
    const one = revision('one', 1);
    const same = { ...revision('two', 2), data: one.data };
    expect(equalRevision(one, same)).toBe(true);
    expect(equalRevision(one, revision('three', 3))).toBe(false);
    expect(findEqualRevisions([one, same, revision('three', 3)], one).map((r) => r.metadata.name)).toEqual([
      'one',
      'two',
    ]);
  });
});

describe('ControllerHistory against the API', () => {
  let kit: WorkloadTestCluster;
  let history: ControllerHistory;
  // A real owner, or the garbage collector removes its revisions.
  let parent: KubeObject;

  beforeEach(async () => {
    kit = await WorkloadTestCluster.start();
    parent = await kit.client.create({ group: 'apps', version: 'v1', resource: 'statefulsets' }, 'default', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    });
    const revisions = controllerIndexedInformer(kit.context.informers, CONTROLLER_REVISIONS);
    history = new ControllerHistory(kit.client, revisions);
    await kit.run([]);
  });

  afterEach(async () => {
    await kit.close();
  });

  it('counts a collision when another revision holds the name, and returns an equal one that is there', async () => {
    const wanted = newControllerRevision(parent, STATEFUL_SET, { app: 'web' }, data('nginx'), 1, 0);
    // Someone else's revision squats the name the hash gives.
    await kit.client.create(CONTROLLER_REVISIONS, 'default', { ...wanted, data: data('squatter') });
    const collisionCount = { value: 0 };
    const created = await history.createControllerRevision(parent, wanted, collisionCount);
    expect(collisionCount.value).toBe(1);
    expect(created.metadata.name).toBe(`web-${hashControllerRevision(data('nginx'), 1)}`);
    const again = await history.createControllerRevision(parent, wanted, collisionCount);
    expect(again.metadata.uid).toBe(created.metadata.uid);
  });

  it('adopts an orphan revision that matches, and lists it as the parent’s', async () => {
    const orphan = newControllerRevision(parent, STATEFUL_SET, { app: 'web' }, data('nginx'), 1);
    orphan.metadata.ownerReferences = [];
    const stored = (await kit.client.create(CONTROLLER_REVISIONS, 'default', orphan)) as ControllerRevision;
    const adopted = await history.adoptControllerRevision(parent, STATEFUL_SET, stored);
    expect(adopted.metadata.ownerReferences).toMatchObject([{ uid: parent.metadata.uid, controller: true }]);
    const listed = await kit.eventually(() => {
      const found = history.listControllerRevisions(parent, LabelSelector.fromSet({ app: 'web' }));
      return found[0]?.metadata.ownerReferences?.length ? found : undefined;
    }, 'the informer sees the adoption');
    expect(listed.map((r) => r.metadata.name)).toEqual([stored.metadata.name]);
    const moved = await history.updateControllerRevision(adopted, 5);
    expect(moved.revision).toBe(5);
  });
});
