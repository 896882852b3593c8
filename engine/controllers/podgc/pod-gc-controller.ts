// The pod garbage collector (pkg/controller/podgc, "pod-garbage-collector"): every 20 s it force-deletes — after
// marking them Failed — terminated pods beyond --terminated-pod-gc-threshold (12,500), terminating pods on a node
// that is not Ready and tainted node.kubernetes.io/out-of-service, pods bound to a node that no longer exists (after a
// 40 s quarantine and a check with the API server; they get the DisruptionTarget condition DeletionByPodGC), and
// terminating pods that were never scheduled.

import { rfc3339 } from '../../api/json.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import type { Clock, Timer } from '../../lab/clock.ts';
import type { Pod, PodCondition } from '../common/workload-types.ts';
import type { Node } from '../nodelifecycle/node-types.ts';
import { nodeCondition } from '../nodelifecycle/node-types.ts';
import { compareForDeletion, terminatedPodsOverThreshold } from './gc-order.ts';
import { NodeQuarantine } from './node-quarantine.ts';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const NODES = { group: '', version: 'v1', resource: 'nodes' };
export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

export interface PodGCOptions {
  /** Terminated pods kept before the oldest are deleted (--terminated-pod-gc-threshold, 12,500); 0 keeps all. */
  terminatedPodThreshold?: number;
  /** How often the collector runs (gcCheckPeriod, 20 s). */
  gcCheckPeriodMs?: number;
  /** How long a missing node is waited for (quarantineTime, 40 s). */
  quarantineMs?: number;
}

export interface PodGCInformers {
  pods: SharedInformer;
  nodes: SharedInformer;
}

export class PodGCController {
  private readonly terminatedPodThreshold: number;
  private readonly gcCheckPeriodMs: number;
  private readonly quarantine: NodeQuarantine;
  private timer: Timer | undefined;
  private running = false;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly informers: PodGCInformers,
    options: PodGCOptions = {},
  ) {
    this.terminatedPodThreshold = options.terminatedPodThreshold ?? 12_500;
    this.gcCheckPeriodMs = options.gcCheckPeriodMs ?? 20_000;
    this.quarantine = new NodeQuarantine(options.quarantineMs ?? 40_000);
  }

  run(): void {
    void this.gc();
    this.timer = this.clock.setInterval(() => void this.gc(), this.gcCheckPeriodMs);
  }

  stop(): void {
    this.timer?.cancel();
  }

  /** One collection pass; a pass still running when the next is due lets it go, as wait.Until does. */
  private async gc(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const pods = this.informers.pods.lister.list() as Pod[];
      if (this.terminatedPodThreshold > 0) await this.gcTerminated(pods);
      await this.gcTerminating(pods);
      await this.gcOrphaned(pods);
      await this.gcUnscheduledTerminating(pods);
    } finally {
      this.running = false;
    }
  }

  private node(name: string): Node | undefined {
    return this.informers.nodes.lister.get('', name) as Node | undefined;
  }

  private async gcTerminated(pods: readonly Pod[]): Promise<void> {
    const doomed = terminatedPodsOverThreshold(pods, this.terminatedPodThreshold);
    await Promise.all(doomed.map((pod) => this.markFailedAndDeletePod(pod)));
  }

  /** Terminating pods of a node that is down and declared out of service (non-graceful node shutdown). */
  private async gcTerminating(pods: readonly Pod[]): Promise<void> {
    const doomed = pods.filter((pod) => {
      if (!pod.metadata.deletionTimestamp) return false;
      const node = this.node(pod.spec?.nodeName ?? '');
      if (!node) return false;
      const ready = nodeCondition(node, 'Ready')?.status === 'True';
      return !ready && (node.spec?.taints ?? []).some((t) => t.key === TAINT_NODE_OUT_OF_SERVICE);
    });
    await Promise.all(doomed.sort(compareForDeletion).map((pod) => this.markFailedAndDeletePod(pod)));
  }

  private async gcOrphaned(pods: readonly Pod[]): Promise<void> {
    const now = this.clock.now();
    for (const pod of pods) {
      const nodeName = pod.spec?.nodeName;
      if (nodeName && !this.node(nodeName)) this.quarantine.add(nodeName, now);
    }
    const deleted = new Set<string>();
    for (const nodeName of this.quarantine.takeEnded(now)) {
      if (this.node(nodeName)) continue;
      // A node missing from the cache may yet exist: only the API server can tell. On an error it is tried again
      // once its pods put it back in quarantine.
      if (!(await this.nodeExists(nodeName).catch(() => true))) deleted.add(nodeName);
    }
    if (deleted.size === 0) return;
    for (const pod of pods) {
      if (!deleted.has(pod.spec?.nodeName ?? '')) continue;
      await this.markFailedAndDeletePod(pod, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      });
    }
  }

  private async nodeExists(name: string): Promise<boolean> {
    try {
      await this.client.get(NODES, '', name);
      return true;
    } catch (error) {
      if (isStatusError(error, 'NotFound')) return false;
      throw error;
    }
  }

  private async gcUnscheduledTerminating(pods: readonly Pod[]): Promise<void> {
    for (const pod of pods) {
      if (!pod.metadata.deletionTimestamp || pod.spec?.nodeName) continue;
      await this.markFailedAndDeletePod(pod);
    }
  }

  /**
   * markFailedAndDeletePodWithCondition: a pod not yet finished is marked Failed (with the condition, if any) — no
   * kubelet may be left to do it — then deleted at once. Failures are left to the next pass.
   */
  private async markFailedAndDeletePod(pod: Pod, condition?: Omit<PodCondition, 'lastTransitionTime'>): Promise<void> {
    const namespace = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    try {
      const phase = pod.status?.phase;
      if (phase !== 'Succeeded' && phase !== 'Failed') {
        const status: Record<string, unknown> = { phase: 'Failed' };
        if (condition) status['conditions'] = [this.updatedCondition(pod, condition)];
        await this.client.patch(
          PODS,
          namespace,
          name,
          'strategic',
          { metadata: { uid: pod.metadata.uid }, status },
          { subresource: 'status' },
        );
      }
      await this.client.delete(PODS, namespace, name, { gracePeriodSeconds: 0 });
    } catch {
      // Like upstream, a failed deletion is only reported; the pod comes up again in the next pass.
    }
  }

  /** UpdatePodCondition: the condition keeps its transition time when its status does not change. */
  private updatedCondition(pod: Pod, condition: Omit<PodCondition, 'lastTransitionTime'>): PodCondition {
    const existing = pod.status?.conditions?.find((c) => c.type === condition.type);
    const lastTransitionTime =
      existing?.status === condition.status ? (existing.lastTransitionTime ?? null) : rfc3339(this.clock.now());
    return { ...condition, lastTransitionTime };
  }
}
