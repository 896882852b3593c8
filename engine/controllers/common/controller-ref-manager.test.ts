import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { StatusError } from '../../apiserver/errors/status-error.ts';
import {
  ControllerRefManager,
  deleteOwnerRefStrategicMergePatch,
  ownerRefControllerPatch,
} from './controller-ref-manager.ts';

const rs: KubeObject = { metadata: { name: 'web', namespace: 'default', uid: 'rs-uid' } };
const controller = { apiVersion: 'apps/v1', kind: 'ReplicaSet', object: rs };
const mine = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true };
const theirs = { ...mine, name: 'other', uid: 'other-uid' };

function pod(name: string, app: string, refs: object[] = [], deleting = false): KubeObject {
  return {
    metadata: {
      name,
      namespace: 'default',
      uid: `${name}-uid`,
      labels: { app },
      ownerReferences: refs as never,
      ...(deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
    },
  };
}

describe('the controller-ref manager', () => {
  const cases = [
    { name: 'claims an owned pod that matches', pod: pod('a', 'web', [mine]), claimed: true, patch: undefined },
    {
      name: 'ignores a pod owned by another controller',
      pod: pod('a', 'web', [theirs]),
      claimed: false,
      patch: undefined,
    },
    {
      name: 'adopts a matching orphan',
      pod: pod('a', 'web'),
      claimed: true,
      patch: ownerRefControllerPatch(controller, 'a-uid'),
    },
    { name: 'leaves an orphan that does not match', pod: pod('a', 'db'), claimed: false, patch: undefined },
    { name: 'leaves an orphan being deleted', pod: pod('a', 'web', [], true), claimed: false, patch: undefined },
    {
      name: 'releases an owned pod that stopped matching',
      pod: pod('a', 'db', [mine]),
      claimed: false,
      patch: deleteOwnerRefStrategicMergePatch('a-uid', ['rs-uid']),
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const patches: unknown[] = [];
      const manager = new ControllerRefManager({
        controller,
        kindName: 'Pod',
        match: (obj) => obj.metadata.labels?.['app'] === 'web',
        patch: async (_ns, _name, patch) => void patches.push(patch),
        canAdopt: async () => undefined,
      });
      const claimed = await manager.claim([c.pod]);
      expect(claimed.length === 1).toBe(c.claimed);
      expect(patches).toEqual(c.patch === undefined ? [] : [c.patch]);
    });
  }

  it('sends upstream patches: the controller reference with the pod uid, or a delete by owner uid', () => {
    expect(ownerRefControllerPatch(controller, 'p')).toEqual({
      metadata: {
        ownerReferences: [{ ...mine, blockOwnerDeletion: true }],
        uid: 'p',
      },
    });
    expect(deleteOwnerRefStrategicMergePatch('p', ['rs-uid'])).toEqual({
      metadata: { uid: 'p', ownerReferences: [{ $patch: 'delete', uid: 'rs-uid' }] },
    });
  });

  it('does not adopt when the controller turns out to be deleted, and skips pods gone meanwhile', async () => {
    const refuse = new ControllerRefManager({
      controller,
      kindName: 'Pod',
      match: () => true,
      patch: async () => undefined,
      canAdopt: async () => {
        throw new Error('default/web has just been deleted at 2025-01-01T00:00:00Z');
      },
    });
    await expect(refuse.claim([pod('a', 'web')])).rejects.toThrow(
      "can't adopt Pod default/a (a-uid): default/web has just been deleted at 2025-01-01T00:00:00Z",
    );
    const gone = new ControllerRefManager({
      controller,
      kindName: 'Pod',
      match: () => true,
      patch: async () => {
        throw new StatusError(404, 'NotFound', 'pods "a" not found');
      },
      canAdopt: async () => undefined,
    });
    expect(await gone.claim([pod('a', 'web')])).toEqual([]);
  });
});
