// A pod in the scheduling queue (framework.QueuedPodInfo): when it was queued, how often it was tried, and which
// plugins rejected it last time — what decides its back-off and which cluster events bring it back.

import type { PodInfo } from './pod-info.ts';

export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** Virtual ms when it was last added to a queue. */
  timestamp: number;
  /** Scheduling attempts so far (each pop counts one). */
  attempts: number;
  /** Virtual ms of its first scheduling attempt, if any. */
  initialAttemptTimestamp: number | undefined;
  /** Plugins that rejected it with Unschedulable or UnschedulableAndUnresolvable last time. */
  unschedulablePlugins: Set<string>;
  /** Plugins that rejected it with Pending last time. */
  pendingPlugins: Set<string>;
  /** Whether a PreEnqueue plugin (scheduling gates) keeps it out of the active queue. */
  gated: boolean;
  /** The PreEnqueue status that gates it, for the decision record. */
  gatedMessage: string;
}

export function newQueuedPodInfo(podInfo: PodInfo, now: number): QueuedPodInfo {
  return {
    podInfo,
    timestamp: now,
    attempts: 0,
    initialAttemptTimestamp: undefined,
    unschedulablePlugins: new Set(),
    pendingPlugins: new Set(),
    gated: false,
    gatedMessage: '',
  };
}
