// Writing a node's taints (pkg/controller/util/node SwapNodeControllerTaint, controller.AddOrUpdateTaintOnNode and
// RemoveTaintOffNode): added taints are stamped with the lab time, the node is read fresh, and the new taint list is
// patched with the read resourceVersion as a precondition, retried on conflict.

import { rfc3339 } from '../../api/json.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Node, Taint } from './node-types.ts';
import { addOrUpdateTaint, removeTaint, taintExists } from './taints.ts';

const NODES = { group: '', version: 'v1', resource: 'nodes' };
const UPDATE_TAINT_RETRIES = 5;

export class NodeTaints {
  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
  ) {}

  /** SwapNodeControllerTaint: adds `add` (stamped now) and removes `remove`; false if the node could not be written. */
  async swap(node: Node, add: readonly Taint[], remove: readonly Taint[]): Promise<boolean> {
    const timeAdded = rfc3339(this.clock.now());
    const stamped = add.map((t) => ({ ...t, timeAdded }));
    try {
      await this.update(node.metadata.name ?? '', stamped, remove);
      return true;
    } catch {
      return false;
    }
  }

  /** RemoveTaintOffNode: removes the taints, without a request when the cached node has none of them. */
  async remove(node: Node, remove: readonly Taint[]): Promise<void> {
    if (!remove.some((t) => taintExists(node.spec?.taints, t))) return;
    await this.update(node.metadata.name ?? '', [], remove);
  }

  private async update(name: string, add: readonly Taint[], remove: readonly Taint[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = (await this.client.get(NODES, '', name)) as Node;
      let taints: Taint[] = current.spec?.taints ?? [];
      let changed = false;
      for (const taint of add) {
        const next = addOrUpdateTaint(taints, taint);
        if (next) [taints, changed] = [next, true];
      }
      for (const taint of remove) {
        const next = removeTaint(taints, taint);
        if (next) [taints, changed] = [next, true];
      }
      if (!changed) return;
      try {
        await this.client.patch(NODES, '', name, 'merge', {
          metadata: { resourceVersion: current.metadata.resourceVersion },
          spec: { taints: taints.length > 0 ? taints : null },
        });
        return;
      } catch (error) {
        if (!isStatusError(error, 'Conflict') || attempt >= UPDATE_TAINT_RETRIES) throw error;
      }
    }
  }
}
