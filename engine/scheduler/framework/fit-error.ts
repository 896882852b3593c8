// Why a pod fits no node (framework.Diagnosis, NodeToStatus, FitError), and the message kube-scheduler writes into
// the PodScheduled condition and the FailedScheduling event: "0/4 nodes are available: 1 node(s) had untolerated
// taint {…}, 3 Insufficient cpu. preemption: …" — each reason counted over the nodes, the counts sorted as text.

import type { NodeInfo } from './node-info.ts';
import { Status } from './status.ts';
import type { Code } from './status.ts';

/** framework.NoNodeAvailableMsg. */
export const NO_NODE_AVAILABLE_MSG = '0/%v nodes are available';

/** The status of each node after filtering; nodes never evaluated share one "absent" status. */
export class NodeToStatus {
  private readonly statuses = new Map<string, Status>();
  private absent: Status;

  constructor(absent: Status = new Status('UnschedulableAndUnresolvable')) {
    this.absent = absent;
  }

  get(nodeName: string): Status {
    return this.statuses.get(nodeName) ?? this.absent;
  }

  set(nodeName: string, status: Status): void {
    this.statuses.set(nodeName, status);
  }

  get size(): number {
    return this.statuses.size;
  }

  absentNodesStatus(): Status {
    return this.absent;
  }

  setAbsentNodesStatus(status: Status): void {
    this.absent = status;
  }

  entries(): IterableIterator<[string, Status]> {
    return this.statuses.entries();
  }

  /** The nodes whose status has `code`, absent ones included when the absent status has it (NodesForStatusCode). */
  nodesForStatusCode(allNodes: readonly NodeInfo[], byName: ReadonlyMap<string, NodeInfo>, code: Code): NodeInfo[] {
    if (this.absent.code === code) {
      if (this.statuses.size === 0) return allNodes.slice();
      return allNodes.filter((n) => this.get(n.name).code === code);
    }
    const nodes: NodeInfo[] = [];
    for (const [name, status] of this.statuses) {
      const info = status.code === code ? byName.get(name) : undefined;
      if (info) nodes.push(info);
    }
    return nodes;
  }
}

/** framework.Diagnosis: the statuses per node and the plugins that rejected the pod. */
export class Diagnosis {
  nodeToStatus = new NodeToStatus();
  unschedulablePlugins = new Set<string>();
  pendingPlugins = new Set<string>();
  preFilterMsg = '';
  postFilterMsg = '';

  /** Records the plugin of a rejecting status (Diagnosis.AddPluginStatus). */
  addPluginStatus(status: Status): void {
    if (!status.plugin) return;
    if (status.code === 'Pending') this.pendingPlugins.add(status.plugin);
    else if (status.isRejected()) this.unschedulablePlugins.add(status.plugin);
  }
}

/** " %v." — how each part of the message is appended. */
const separated = (msg: string): string => ` ${msg}.`;

/** The reasons counted over the nodes, "<count> <reason>" sorted as strings (sortReasonsHistogram). */
export function reasonsHistogram(nodeToStatus: NodeToStatus, numAllNodes: number): string[] {
  const reasons = new Map<string, number>();
  for (const [, status] of nodeToStatus.entries()) {
    for (const reason of status.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  if (nodeToStatus.size < numAllNodes) {
    for (const reason of nodeToStatus.absentNodesStatus().reasons) {
      reasons.set(reason, (reasons.get(reason) ?? 0) + numAllNodes - nodeToStatus.size);
    }
  }
  const strings = [...reasons].map(([reason, count]) => `${count} ${reason}`);
  return strings.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** framework.FitError: the pod fits none of `numAllNodes` nodes. */
export class FitError {
  constructor(
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {}

  /** FitError.Error(): "0/X nodes are available: <PreFilterMsg or the filter histogram>. <PostFilterMsg>" (the
   * PostFilter message brings its own full stop). */
  error(): string {
    let msg = `${NO_NODE_AVAILABLE_MSG.replace('%v', String(this.numAllNodes))}:`;
    const { preFilterMsg, postFilterMsg, nodeToStatus } = this.diagnosis;
    if (preFilterMsg !== '') {
      msg += separated(preFilterMsg);
    } else {
      const histogram = reasonsHistogram(nodeToStatus, this.numAllNodes);
      if (histogram.length) msg += separated(histogram.join(', '));
    }
    if (postFilterMsg !== '') msg += ` ${postFilterMsg}`;
    return msg;
  }
}
