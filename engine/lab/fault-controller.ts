// Applies the lab's Faults. A NodeDown fault stops the named node's kubelet — no more Lease renewals or status, its
// containers stop — so the node lifecycle controller sees the node go Unknown and evicts its pods, as when a real
// machine dies; deleting the Fault starts the kubelet again. Each fault's status says whether it is in effect.

import type { KubeObject } from '../api/object.ts';
import { isPlainObject } from '../api/object.ts';
import { rfc3339 } from '../api/json.ts';
import { isStatusError } from '../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import type { SharedInformer } from '../client/informer.ts';
import { WorkQueue, runWorkers } from '../client/workqueue.ts';
import type { Clock } from './clock.ts';
import { LAB_GROUP, LAB_VERSION } from './lab-resources.ts';

/** What faults act on: the lab's nodes. */
export interface FaultTargets {
  hasNode(name: string): boolean;
  /** Stops a node's kubelet (idempotent). */
  stopNode(name: string): Promise<void>;
  /** Starts it again (idempotent). */
  startNode(name: string): Promise<void>;
}

interface Applied {
  node: string;
}

export class FaultController {
  private readonly queue: WorkQueue;
  /** Faults in effect, by name. */
  private readonly applied = new Map<string, Applied>();

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly faults: SharedInformer,
    private readonly targets: FaultTargets,
  ) {
    this.queue = new WorkQueue(clock, 'fault');
    faults.addEventHandler({
      onAdd: (f) => this.queue.add(f.metadata.name!),
      onUpdate: (_old, f) => this.queue.add(f.metadata.name!),
      onDelete: (f) => this.queue.add(f.metadata.name!),
    });
  }

  run(): void {
    runWorkers(this.queue, 1, (name) => this.sync(name));
  }

  stop(): void {
    this.queue.shutDown();
  }

  private async sync(name: string): Promise<void> {
    const fault = this.faults.lister.get('', name);
    const applied = this.applied.get(name);
    if (!fault || fault.metadata.deletionTimestamp) {
      if (applied) {
        this.applied.delete(name);
        if (![...this.applied.values()].some((a) => a.node === applied.node))
          await this.targets.startNode(applied.node);
      }
      return;
    }
    const spec = isPlainObject(fault['spec']) ? fault['spec'] : {};
    const node = typeof spec['node'] === 'string' ? spec['node'] : '';
    if (spec['type'] !== 'NodeDown') return this.report(fault, 'Invalid', `unknown fault type ${String(spec['type'])}`);
    if (!node || !this.targets.hasNode(node))
      return this.report(fault, 'Invalid', `node "${node}" is not a node of this lab`);
    if (applied && applied.node !== node) {
      this.applied.delete(name);
      if (![...this.applied.values()].some((a) => a.node === applied.node)) await this.targets.startNode(applied.node);
    }
    if (!this.applied.has(name)) {
      await this.targets.stopNode(node);
      this.applied.set(name, { node });
    }
    await this.report(fault, 'Active', `the kubelet of ${node} is stopped`);
  }

  private async report(fault: KubeObject, phase: string, message: string): Promise<void> {
    const status = isPlainObject(fault['status']) ? fault['status'] : {};
    if (status['phase'] === phase && status['message'] === message) return;
    try {
      await this.client.request('PATCH', `/apis/${LAB_GROUP}/${LAB_VERSION}/faults/${fault.metadata.name}/status`, {
        contentType: 'application/merge-patch+json',
        body: {
          status: phase === 'Active' ? { phase, message, since: rfc3339(this.clock.now()) } : { phase, message },
        },
      });
    } catch (error) {
      if (!isStatusError(error, 'NotFound')) throw error;
    }
  }
}
