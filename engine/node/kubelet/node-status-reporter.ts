// Registering the Node and reporting its status, as kubelet's registerWithAPIServer and updateNodeStatus do: the
// Node is created with its full status (or, when it exists, its labels are reconciled); afterwards the status is
// patched when it changed, or every five minutes (nodeStatusReportFrequency) to refresh the heartbeat times.
// Condition changes are recorded as node events ("Node node-1 status is now: NodeReady").

import type { KubeObject } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Clock } from '../../lab/clock.ts';
import type { KubeletEvents } from './kubelet-events.ts';
import type { NodeCondition, NodeIdentity } from './node-object.ts';
import { initialNode, nodeStatus, wellKnownLabels } from './node-object.ts';
import { NODE_STATUS_MERGE_KEYS, statusPatch } from './status-patch.ts';

/** How often the status is written even when nothing changed (nodeStatusReportFrequency). */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;

const CONDITION_EVENTS: Record<string, Record<string, string>> = {
  MemoryPressure: { False: 'NodeHasSufficientMemory', True: 'NodeHasInsufficientMemory' },
  DiskPressure: { False: 'NodeHasNoDiskPressure', True: 'NodeHasDiskPressure' },
  PIDPressure: { False: 'NodeHasSufficientPID', True: 'NodeHasInsufficientPID' },
};

export class NodeStatusReporter {
  /** The Node as last read or written. */
  node: KubeObject | undefined;
  private reported: Record<string, unknown> | undefined;
  private lastReport = -Infinity;
  private dirty = true;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly events: KubeletEvents,
    private readonly identity: NodeIdentity,
    private readonly images: () => { names: string[]; sizeBytes: number }[],
  ) {}

  private get path(): string {
    return `/api/v1/nodes/${encodeURIComponent(this.identity.name)}`;
  }

  /** Something in the status changed (images): report at the next tick. */
  markDirty(): void {
    this.dirty = true;
  }

  /** Creates the Node, or takes over the existing one; throws when the API cannot be reached. */
  async register(): Promise<KubeObject> {
    this.reported = undefined;
    const fresh = initialNode({
      identity: this.identity,
      images: this.images(),
      previousConditions: [],
      now: this.clock.now(),
    });
    try {
      this.node = (await this.client.request('POST', '/api/v1/nodes', { body: fresh })) as KubeObject;
      this.reported = this.node['status'] as Record<string, unknown>;
      this.lastReport = this.clock.now();
      this.dirty = false;
      this.recordTransitions([], this.conditionsOf(this.node));
      return this.node;
    } catch (error) {
      if (!isStatusError(error, 'AlreadyExists')) throw error;
    }
    let existing = (await this.client.request('GET', this.path)) as KubeObject;
    const labels = { ...wellKnownLabels(this.identity.name), ...this.identity.labels };
    const missing = Object.entries(labels).filter(([k, v]) => existing.metadata.labels?.[k] !== v);
    if (missing.length) {
      existing = (await this.client.request('PATCH', this.path, {
        contentType: 'application/strategic-merge-patch+json',
        body: { metadata: { labels: Object.fromEntries(missing) } },
      })) as KubeObject;
    }
    const info = (existing['status'] as { nodeInfo?: { bootID?: string } } | undefined)?.nodeInfo;
    if (info?.bootID && info.bootID !== this.identity.bootID) {
      this.events.node(
        this.identity.name,
        'Warning',
        'Rebooted',
        `Node ${this.identity.name} has been rebooted, boot id: ${this.identity.bootID}`,
      );
    }
    this.node = existing;
    this.reported = existing['status'] as Record<string, unknown>;
    this.dirty = true;
    await this.report();
    return this.node;
  }

  /** Reads the Node again (for spec.podCIDR). */
  async refresh(): Promise<KubeObject> {
    this.node = (await this.client.request('GET', this.path, { query: { resourceVersion: '0' } })) as KubeObject;
    return this.node;
  }

  /** Patches the status when it changed or when the report interval has passed. */
  async report(): Promise<void> {
    const now = this.clock.now();
    if (!this.dirty && now - this.lastReport < NODE_STATUS_REPORT_MS) return;
    const before = this.conditionsOf(this.node);
    const status = nodeStatus({ identity: this.identity, images: this.images(), previousConditions: before, now });
    const patch = statusPatch(this.reported ?? {}, status, NODE_STATUS_MERGE_KEYS);
    this.dirty = false;
    this.lastReport = now;
    if (!patch) return;
    try {
      this.node = (await this.client.request('PATCH', `${this.path}/status`, {
        contentType: 'application/strategic-merge-patch+json',
        body: { status: patch },
      })) as KubeObject;
      this.reported = status;
      this.recordTransitions(before, status['conditions'] as NodeCondition[]);
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  private conditionsOf(node: KubeObject | undefined): NodeCondition[] {
    return ((node?.['status'] as { conditions?: NodeCondition[] } | undefined)?.conditions ?? []) as NodeCondition[];
  }

  private recordTransitions(before: readonly NodeCondition[], after: readonly NodeCondition[]): void {
    for (const c of after) {
      const old = before.find((b) => b.type === c.type);
      if (old?.status === c.status) continue;
      const reason =
        c.type === 'Ready'
          ? old
            ? c.status === 'True'
              ? 'NodeReady'
              : 'NodeNotReady'
            : undefined
          : CONDITION_EVENTS[c.type]?.[c.status];
      if (reason)
        this.events.node(this.identity.name, 'Normal', reason, `Node ${this.identity.name} status is now: ${reason}`);
    }
  }
}
