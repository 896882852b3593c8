// The kubelet's status manager: pod workers set the status each pod should have, and it is written through the
// status sub-resource in the background — a strategic merge patch of what changed, with the pod's UID as a
// precondition — one write in flight per pod, later changes folded into the next write, all writes of one turn of
// the event loop sent together. A pod that finished terminating is deleted (grace period 0) once its final status
// is written, as upstream's status manager does. Writes that fail are retried a second later.

import type { KubeObject } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Clock } from '../../lab/clock.ts';
import { KUBELET_CONDITIONS } from './pod-conditions.ts';
import type { PodStatus } from './pod-types.ts';
import { POD_STATUS_MERGE_KEYS, statusPatch } from './status-patch.ts';

const RETRY_MS = 1000;

interface Entry {
  namespace: string;
  name: string;
  /** UID of the API object written (the mirror pod's for a static pod). */
  uid: string;
  desired: PodStatus;
  /** The status the API object has, as far as the kubelet knows. */
  written: PodStatus;
  writing: boolean;
  retrying: boolean;
  deleteWhenWritten: boolean;
}

function podsPath(namespace: string, name: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
}

/** Whether the API's status disagrees with the kubelet's on what the kubelet owns (someone else changed it). */
function divergent(api: PodStatus, mine: PodStatus): boolean {
  if (api.phase !== mine.phase) return true;
  for (const c of mine.conditions ?? []) {
    if (!KUBELET_CONDITIONS.has(c.type)) continue;
    if (api.conditions?.find((a) => a.type === c.type)?.status !== c.status) return true;
  }
  return false;
}

export class PodStatusManager {
  private readonly entries = new Map<string, Entry>();
  private readonly dirty = new Set<Entry>();
  private flushScheduled = false;
  private running = true;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
  ) {}

  /** The status last set for the API object with this UID. */
  get(uid: string): PodStatus | undefined {
    return this.entries.get(uid)?.desired;
  }

  /** Sets the status `pod` (the API object) should have. */
  set(pod: KubeObject, status: PodStatus): void {
    const uid = pod.metadata.uid ?? '';
    let entry = this.entries.get(uid);
    if (!entry) {
      entry = {
        namespace: pod.metadata.namespace ?? '',
        name: pod.metadata.name ?? '',
        uid,
        desired: status,
        written: (pod['status'] as PodStatus | undefined) ?? {},
        writing: false,
        retrying: false,
        deleteWhenWritten: false,
      };
      this.entries.set(uid, entry);
    }
    entry.desired = status;
    this.markDirty(entry);
  }

  /** The API object changed: when its status lost what the kubelet wrote, write it again. */
  observe(pod: KubeObject): void {
    const entry = this.entries.get(pod.metadata.uid ?? '');
    if (!entry || entry.writing) return;
    const api = (pod['status'] as PodStatus | undefined) ?? {};
    if (!divergent(api, entry.written)) return;
    entry.written = api;
    this.markDirty(entry);
  }

  /** Deletes the API object (grace period 0) once its last status has been written. */
  deleteWhenWritten(uid: string): void {
    const entry = this.entries.get(uid);
    if (!entry) return;
    entry.deleteWhenWritten = true;
    this.markDirty(entry);
  }

  /** Forgets a pod whose API object is gone. */
  forget(uid: string): void {
    const entry = this.entries.get(uid);
    if (entry) this.dirty.delete(entry);
    this.entries.delete(uid);
  }

  /** Stops writing (the node went down); pending changes are dropped. */
  stop(): void {
    this.running = false;
    this.entries.clear();
    this.dirty.clear();
  }

  start(): void {
    this.running = true;
  }

  private markDirty(entry: Entry): void {
    if (!this.running) return;
    this.dirty.add(entry);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Everything the pod workers set in this turn of the event loop goes out together.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const entries = [...this.dirty];
    this.dirty.clear();
    for (const entry of entries) if (!entry.writing && !entry.retrying) void this.write(entry);
  }

  private async write(entry: Entry): Promise<void> {
    if (this.entries.get(entry.uid) !== entry) return;
    entry.writing = true;
    const desired = entry.desired;
    try {
      const patch = statusPatch(
        entry.written as Record<string, unknown>,
        desired as Record<string, unknown>,
        POD_STATUS_MERGE_KEYS,
      );
      if (patch) {
        await this.client.request('PATCH', `${podsPath(entry.namespace, entry.name)}/status`, {
          contentType: 'application/strategic-merge-patch+json',
          body: { metadata: { uid: entry.uid }, status: patch },
        });
      }
      entry.written = desired;
      if (entry.desired === desired && entry.deleteWhenWritten) await this.deletePod(entry);
    } catch (error) {
      if (isStatusError(error, 'NotFound') || isStatusError(error, 'Conflict') || isStatusError(error, 'Invalid')) {
        this.entries.delete(entry.uid);
        return;
      }
      this.retryLater(entry);
      return;
    } finally {
      entry.writing = false;
    }
    if (entry.desired !== desired) this.markDirty(entry);
  }

  private async deletePod(entry: Entry): Promise<void> {
    try {
      await this.client.request('DELETE', podsPath(entry.namespace, entry.name), {
        body: { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, preconditions: { uid: entry.uid } },
      });
    } catch (error) {
      if (!isStatusError(error, 'NotFound') && !isStatusError(error, 'Conflict')) throw error;
    }
    this.entries.delete(entry.uid);
  }

  private retryLater(entry: Entry): void {
    entry.retrying = true;
    this.clock.setTimeout(() => {
      entry.retrying = false;
      this.markDirty(entry);
    }, RETRY_MS);
  }
}
