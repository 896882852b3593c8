import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupVersionResource, KubeObject, OwnerReference } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import { Cluster } from '../../cluster/cluster.ts';
import { VirtualClock } from '../../lab/clock.ts';

const NS = 'default';
const CONFIG_MAPS = { group: '', version: 'v1', resource: 'configmaps' };
const SECRETS = { group: '', version: 'v1', resource: 'secrets' };
const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
const WIDGETS = { group: 'lab.example.com', version: 'v1', resource: 'widgets' };

/** Waits (in real time) until the condition holds; the test fails if it never does. */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}

function ownedBy(owner: KubeObject, extra: Partial<OwnerReference> = {}): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    ...extra,
  };
}

describe('the garbage collector', () => {
  let clock: VirtualClock;
  let cluster: Cluster;
  let client: InProcessClient;

  const get = async (gvr: GroupVersionResource, name: string): Promise<KubeObject | undefined> => {
    try {
      return await client.get(gvr, NS, name);
    } catch (error) {
      if (isStatusError(error, 'NotFound')) return undefined;
      throw error;
    }
  };
  const gone = (gvr: GroupVersionResource, name: string) => async () => (await get(gvr, name)) === undefined;
  const configMap = (name: string, ownerReferences?: OwnerReference[], finalizers?: string[]) =>
    client.create(CONFIG_MAPS, NS, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, ownerReferences, finalizers },
    });

  /** A namespaced Widget kind in lab.example.com/v1, once it is served. */
  const createWidgetDefinition = async () => {
    await client.create(CRDS, '', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.lab.example.com' },
      spec: {
        group: 'lab.example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    });
    await until(async () => {
      try {
        await client.list(WIDGETS, NS);
        return true;
      } catch {
        return false;
      }
    }, 'widgets are served');
  };

  beforeEach(async () => {
    clock = new VirtualClock();
    cluster = await Cluster.start({ clock });
    client = cluster.loopback;
  });

  afterEach(async () => {
    await cluster.close();
  });

  it('deletes a chain of dependents in the background once the owner is gone', async () => {
    const owner = await configMap('chain-owner');
    const secret = await client.create(SECRETS, NS, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'chain-secret', ownerReferences: [ownedBy(owner)] },
    });
    await configMap('chain-leaf', [ownedBy(secret)]);
    await configMap('unrelated');

    await client.delete(CONFIG_MAPS, NS, 'chain-owner');
    await until(gone(SECRETS, 'chain-secret'), 'the secret is collected');
    await until(gone(CONFIG_MAPS, 'chain-leaf'), 'the leaf config map is collected');
    expect(await get(CONFIG_MAPS, 'unrelated')).toBeDefined();
  });

  it('keeps a foreground-deleted owner until its blocking dependents are gone', async () => {
    const owner = await configMap('fg-owner');
    await configMap('fg-blocking', [ownedBy(owner, { blockOwnerDeletion: true })], ['example.com/hold']);
    await configMap('fg-other', [ownedBy(owner)]);

    await client.delete(CONFIG_MAPS, NS, 'fg-owner', { propagationPolicy: 'Foreground' });
    await until(
      async () => (await get(CONFIG_MAPS, 'fg-blocking'))?.metadata.deletionTimestamp !== undefined,
      'the blocking dependent is deleted',
    );
    await until(gone(CONFIG_MAPS, 'fg-other'), 'the non-blocking dependent is collected');
    const waiting = await get(CONFIG_MAPS, 'fg-owner');
    expect(waiting?.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(waiting?.metadata.deletionTimestamp).toBeDefined();

    await client.patch(CONFIG_MAPS, NS, 'fg-blocking', 'merge', { metadata: { finalizers: null } });
    await until(gone(CONFIG_MAPS, 'fg-blocking'), 'the blocking dependent is gone');
    await until(gone(CONFIG_MAPS, 'fg-owner'), 'the owner is released');
  });

  it('deletes a foreground-deleted owner without dependents at once', async () => {
    await configMap('fg-alone');
    await client.delete(CONFIG_MAPS, NS, 'fg-alone', { propagationPolicy: 'Foreground' });
    await until(gone(CONFIG_MAPS, 'fg-alone'), 'the owner is deleted');
  });

  it('orphans the dependents of an owner deleted with the orphan policy', async () => {
    const owner = await configMap('orphan-owner');
    const other = await configMap('orphan-other-owner');
    await configMap('orphan-a', [ownedBy(owner, { blockOwnerDeletion: true })]);
    await configMap('orphan-b', [ownedBy(owner), ownedBy(other)]);

    await client.delete(CONFIG_MAPS, NS, 'orphan-owner', { propagationPolicy: 'Orphan' });
    await until(gone(CONFIG_MAPS, 'orphan-owner'), 'the owner is deleted');
    expect((await get(CONFIG_MAPS, 'orphan-a'))?.metadata.ownerReferences).toBeUndefined();
    expect((await get(CONFIG_MAPS, 'orphan-b'))?.metadata.ownerReferences).toEqual([ownedBy(other)]);
  });

  it('keeps a dependent with another owner, dropping only the reference to the deleted one', async () => {
    const first = await configMap('two-first');
    const second = await configMap('two-second');
    await configMap('two-dependent', [ownedBy(first), ownedBy(second)]);

    await client.delete(CONFIG_MAPS, NS, 'two-first');
    await until(
      async () => (await get(CONFIG_MAPS, 'two-dependent'))?.metadata.ownerReferences?.length === 1,
      'the dangling reference is removed',
    );
    expect((await get(CONFIG_MAPS, 'two-dependent'))?.metadata.ownerReferences).toEqual([ownedBy(second)]);

    await client.delete(CONFIG_MAPS, NS, 'two-second');
    await until(gone(CONFIG_MAPS, 'two-dependent'), 'the dependent is collected with its last owner');
  });

  it('collects an object whose owner name now belongs to another object, and keeps one whose owner uid exists', async () => {
    const original = await configMap('reborn');
    await client.delete(CONFIG_MAPS, NS, 'reborn');
    const reborn = await configMap('reborn');
    await configMap('reborn-stale', [ownedBy(original)]);
    await configMap('reborn-current', [ownedBy(reborn)]);

    await until(gone(CONFIG_MAPS, 'reborn-stale'), 'the dependent of the old uid is collected');
    expect(await get(CONFIG_MAPS, 'reborn-current')).toBeDefined();
    expect(await get(CONFIG_MAPS, 'reborn')).toBeDefined();
  });

  it('collects a custom resource owned by a config map once discovery has found its resource', async () => {
    await createWidgetDefinition();
    const owner = await configMap('widget-owner');
    await client.create(WIDGETS, NS, {
      apiVersion: 'lab.example.com/v1',
      kind: 'Widget',
      metadata: { name: 'gear', ownerReferences: [ownedBy(owner)] },
    });
    const keeper = await configMap('widget-keeper');
    await client.create(WIDGETS, NS, {
      apiVersion: 'lab.example.com/v1',
      kind: 'Widget',
      metadata: { name: 'kept', ownerReferences: [ownedBy(owner), ownedBy(keeper)] },
    });
    clock.step(30_000);

    await client.delete(CONFIG_MAPS, NS, 'widget-owner');
    await until(gone(WIDGETS, 'gear'), 'the widget is collected');
    await until(
      async () => (await get(WIDGETS, 'kept'))?.metadata.ownerReferences?.length === 1,
      'the other widget loses the dangling reference (through a JSON merge patch)',
    );
  });

  it('makes a config map owned by a custom resource garbage when the resource is deleted', async () => {
    await createWidgetDefinition();
    const widget = await client.create(WIDGETS, NS, {
      apiVersion: 'lab.example.com/v1',
      kind: 'Widget',
      metadata: { name: 'owner' },
    });
    await configMap('widget-dependent', [ownedBy(widget)]);
    clock.step(30_000);

    await client.delete(WIDGETS, NS, 'owner');
    await until(gone(CONFIG_MAPS, 'widget-dependent'), 'the config map is collected');
  });
});
