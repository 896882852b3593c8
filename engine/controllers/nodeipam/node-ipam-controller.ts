// The node IPAM controller with its range allocator (pkg/controller/nodeipam, --allocate-node-cidrs): every node gets
// spec.podCIDR and spec.podCIDRs, a /24 of the cluster CIDR (10.244.0.0/16 here, as kubeadm's
// --pod-network-cidr), from which its pods take their IPs. CIDRs nodes already have are marked used at start, and a
// deleted node's CIDR is free again.

import type { KubeObject } from '../../api/object.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import type { Node } from '../nodelifecycle/node-types.ts';
import { CidrSet } from './cidr-set.ts';

const NODES = { group: '', version: 'v1', resource: 'nodes' };
/** Tries of one node's CIDR patch (cidrUpdateRetries). */
const CIDR_UPDATE_RETRIES = 3;
const WORKERS = 30;

export interface NodeIpamOptions {
  /** The size of each node's range (--node-cidr-mask-size, 24). */
  nodeCIDRMaskSize?: number;
  /** The Service range, never handed to nodes where it overlaps the cluster CIDR (--service-cluster-ip-range). */
  serviceCIDR?: string;
}

function podCIDRsOf(node: Node): string[] {
  const cidrs = node.spec?.podCIDRs ?? [];
  return cidrs.length > 0 ? cidrs : node.spec?.podCIDR ? [node.spec.podCIDR] : [];
}

export class NodeIpamController {
  private readonly cidrs: CidrSet;
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: InProcessClient,
    clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly nodes: SharedInformer,
    clusterCIDR: string,
    options: NodeIpamOptions = {},
  ) {
    this.cidrs = new CidrSet(clusterCIDR, options.nodeCIDRMaskSize ?? 24);
    if (options.serviceCIDR) this.filterOutServiceRange(options.serviceCIDR);
    this.queue = new WorkQueue(clock, 'cidrallocator_node');
    nodes.addEventHandler({
      onAdd: (node) => this.queue.add(node.metadata.name ?? ''),
      onUpdate: (_old, node) => this.queue.add(node.metadata.name ?? ''),
      onDelete: (node) => {
        this.releaseCIDRs(node as Node);
        this.queue.add(node.metadata.name ?? '');
      },
    });
  }

  /** Marks the CIDRs of the nodes there already are used, then starts allocating. */
  run(workers = WORKERS): void {
    for (const node of this.nodes.lister.list() as Node[]) {
      for (const cidr of podCIDRsOf(node)) {
        try {
          this.cidrs.occupy(cidr);
        } catch {
          // A CIDR outside the cluster range is the node's own business.
        }
      }
    }
    runWorkers(this.queue, workers, (name) => this.syncNode(name));
  }

  stop(): void {
    this.queue.shutDown();
  }

  private filterOutServiceRange(serviceCIDR: string): void {
    try {
      this.cidrs.occupy(serviceCIDR);
    } catch {
      // The Service range lies outside the cluster CIDR: nothing to keep out.
    }
  }

  private releaseCIDRs(node: Node): void {
    for (const cidr of podCIDRsOf(node)) {
      try {
        this.cidrs.release(cidr);
      } catch {
        // Not one of ours.
      }
    }
  }

  private recordStatusChange(node: KubeObject, status: string): void {
    const ref: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: node.metadata.name, uid: node.metadata.uid },
    };
    this.recorder.event(ref, 'Normal', status, `Node ${node.metadata.name} status is now: ${status}`);
  }

  /** AllocateOrOccupyCIDR */
  private async syncNode(name: string): Promise<void> {
    const node = this.nodes.lister.get('', name) as Node | undefined;
    if (!node || node.metadata.deletionTimestamp) return;
    const existing = podCIDRsOf(node);
    if (existing.length > 0) {
      for (const cidr of existing) this.cidrs.occupy(cidr);
      return;
    }
    let cidr: string;
    try {
      cidr = this.cidrs.allocateNext();
    } catch (error) {
      this.recordStatusChange(node, 'CIDRNotAvailable');
      throw new Error(`failed to allocate cidr from cluster cidr at idx:0: ${String(error)}`, { cause: error });
    }
    await this.updateCIDRAllocation(name, cidr);
  }

  private async updateCIDRAllocation(name: string, cidr: string): Promise<void> {
    const node = this.nodes.lister.get('', name) as Node | undefined;
    if (!node) {
      this.cidrs.release(cidr);
      return;
    }
    const current = podCIDRsOf(node);
    if (current.length === 1 && current[0] === cidr) return;
    if (current.length > 0) {
      // Someone else set it meanwhile: give ours back.
      this.cidrs.release(cidr);
      return;
    }
    let failure: unknown;
    for (let attempt = 0; attempt < CIDR_UPDATE_RETRIES; attempt++) {
      try {
        await this.client.patch(NODES, '', name, 'strategic', { spec: { podCIDR: cidr, podCIDRs: [cidr] } });
        return;
      } catch (error) {
        failure = error;
      }
    }
    this.recordStatusChange(node, 'CIDRAssignmentFailed');
    this.cidrs.release(cidr);
    throw failure;
  }
}

/** The node IPAM controller handing out `clusterCIDR` (the cluster config's podCIDR), built from the context. */
export function nodeIpamController(
  ctx: ControllerContext,
  clusterCIDR: string,
  options: NodeIpamOptions = {},
): Controller {
  const controller = new NodeIpamController(
    ctx.client,
    ctx.clock,
    ctx.recorder('cidrAllocator'),
    ctx.informers.informerFor(NODES),
    clusterCIDR,
    options,
  );
  return { name: 'node-ipam-controller', run: () => controller.run(), stop: () => controller.stop() };
}
