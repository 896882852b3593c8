// The decision log: the scheduler's record of every pod it tried to place — the last few attempts of each of the
// most recently scheduled pods, in memory and bounded — served read-only as SchedulingDecision objects. The oldest
// pods fall out first; a pod's decision moves to the back whenever it is tried again.

import { rfc3339 } from '../api/json.ts';
import type { AttemptBuilder } from './decision-record.ts';
import { SCHEDULING_DECISION_API_VERSION, SCHEDULING_DECISION_KIND } from './decision-types.ts';
import type { SchedulingDecision, SchedulingDecisionStatus } from './decision-types.ts';

export interface DecisionLogOptions {
  /** Pods remembered (default 10,000). */
  maxPods?: number;
  /** Attempts remembered per pod (default 5). */
  maxAttemptsPerPod?: number;
  /** Entries per node list of an attempt: rejected, feasible, skipped and scored nodes (default 50). */
  maxNodesPerList?: number;
}

interface Entry {
  namespace: string;
  name: string;
  uid: string;
  schedulerName: string;
  created: number;
  phase: SchedulingDecisionStatus['phase'];
  nodeName: string | undefined;
  nominatedNodeName: string | undefined;
  message: string | undefined;
  attemptCount: number;
  attempts: AttemptBuilder[];
}

export interface PodRef {
  namespace: string;
  name: string;
  uid: string;
  schedulerName: string;
}

export class DecisionLog {
  readonly maxPods: number;
  readonly maxAttemptsPerPod: number;
  readonly maxNodesPerList: number;
  private readonly entries = new Map<string, Entry>();

  constructor(options: DecisionLogOptions = {}) {
    this.maxPods = options.maxPods ?? 10_000;
    this.maxAttemptsPerPod = options.maxAttemptsPerPod ?? 5;
    this.maxNodesPerList = options.maxNodesPerList ?? 50;
  }

  get size(): number {
    return this.entries.size;
  }

  get(namespace: string, pod: string): SchedulingDecision | undefined {
    const entry = this.entries.get(`${namespace}/${pod}`);
    return entry && render(entry);
  }

  /** The decisions of a namespace, or of all namespaces, oldest first. */
  list(namespace?: string): SchedulingDecision[] {
    const decisions: SchedulingDecision[] = [];
    for (const entry of this.entries.values()) {
      if (namespace === undefined || namespace === '' || entry.namespace === namespace) decisions.push(render(entry));
    }
    return decisions;
  }

  /** Adds an attempt of the pod (its outcome may still be filled in while it binds). */
  recordAttempt(pod: PodRef, attempt: AttemptBuilder): void {
    const entry = this.touch(pod, attempt.time);
    entry.attemptCount++;
    entry.attempts.push(attempt);
    if (entry.attempts.length > this.maxAttemptsPerPod) entry.attempts.shift();
    this.update(pod, attempt);
  }

  /** Refreshes the pod's summary from its latest attempt (after binding finished or failed). */
  update(pod: PodRef, attempt: AttemptBuilder): void {
    const entry = this.entries.get(`${pod.namespace}/${pod.name}`);
    if (!entry || entry.uid !== pod.uid) return;
    entry.phase = attempt.result === 'Scheduled' && !attempt.binding ? 'Binding' : attempt.result;
    entry.nodeName = attempt.result === 'Scheduled' ? attempt.nodeName : undefined;
    entry.message = attempt.message;
    if (attempt.preemption) entry.nominatedNodeName = attempt.preemption.nominatedNodeName;
    if (attempt.result === 'Scheduled') entry.nominatedNodeName = undefined;
  }

  /** Notes that PreEnqueue (scheduling gates) keeps the pod out of the queue. */
  recordGated(pod: PodRef, message: string, now: number): void {
    const entry = this.touch(pod, now);
    entry.phase = 'SchedulingGated';
    entry.message = message;
  }

  /** Forgets a pod (deleted). */
  remove(namespace: string, pod: string): void {
    this.entries.delete(`${namespace}/${pod}`);
  }

  /** The pod's entry, new or moved to the back (most recent); a pod recreated under the name starts afresh. */
  private touch(pod: PodRef, now: number): Entry {
    const key = `${pod.namespace}/${pod.name}`;
    let entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    if (!entry || entry.uid !== pod.uid) {
      entry = {
        ...pod,
        created: now,
        phase: 'Unschedulable',
        nodeName: undefined,
        nominatedNodeName: undefined,
        message: undefined,
        attemptCount: 0,
        attempts: [],
      };
    }
    this.entries.set(key, entry);
    if (this.entries.size > this.maxPods) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry;
  }
}

function render(entry: Entry): SchedulingDecision {
  const status: SchedulingDecisionStatus = {
    podUID: entry.uid,
    schedulerName: entry.schedulerName,
    phase: entry.phase,
    attemptCount: entry.attemptCount,
    attempts: entry.attempts.map((a) => a.render()),
  };
  if (entry.nodeName !== undefined) status.nodeName = entry.nodeName;
  if (entry.nominatedNodeName) status.nominatedNodeName = entry.nominatedNodeName;
  if (entry.message !== undefined) status.message = entry.message;
  return {
    apiVersion: SCHEDULING_DECISION_API_VERSION,
    kind: SCHEDULING_DECISION_KIND,
    metadata: { name: entry.name, namespace: entry.namespace, creationTimestamp: rfc3339(entry.created) },
    status,
  };
}
