// The SchedulingDecision object (lab.kubelab.io/v1alpha1, namespaced, named after its pod): what the scheduler did
// with a pod and why, attempt by attempt — per node the filter plugin that rejected it, per node and plugin the
// raw and weighted scores, the nodes percentageOfNodesToScore skipped, the chosen node, preemption. Plain JSON, so
// the API can serve it and `kubectl get schedulingdecision <pod> -o yaml` shows it as it is.

import type { Code } from './framework/status.ts';

export const SCHEDULING_DECISION_API_VERSION = 'lab.kubelab.io/v1alpha1';
export const SCHEDULING_DECISION_KIND = 'SchedulingDecision';

/** The outcome of an attempt; the pod's condition reasons where there is one. */
export type AttemptResult = 'Scheduled' | 'Unschedulable' | 'SchedulerError';

/** A PreFilter plugin that did something other than pass: skipped itself, narrowed the nodes, or rejected the pod. */
export interface PreFilterEntry {
  plugin: string;
  code: Code;
  reasons?: string[];
  /** The nodes it narrowed the search to. */
  nodeNames?: string[];
}

/** A node a Filter plugin rejected. */
export interface FilterRejection {
  node: string;
  plugin: string;
  code: Code;
  reasons: string[];
}

export interface PluginScore {
  plugin: string;
  /** What the plugin's Score returned. */
  score: number;
  /** After NormalizeScore (0–100). */
  normalizedScore: number;
  weight: number;
  /** normalizedScore × weight: what counts toward the total. */
  weightedScore: number;
}

export interface NodeScore {
  node: string;
  totalScore: number;
  plugins: PluginScore[];
}

export interface PreemptionRecord {
  /** The node preemption chose; absent when it found none. */
  nominatedNodeName?: string;
  victims: { namespace: string; name: string; priority: number }[];
  message?: string;
}

export interface SchedulingAttempt {
  /** 1 for the pod's first attempt. */
  attempt: number;
  /** Lab time of the attempt. */
  time: string;
  result: AttemptResult;
  /** The chosen node, for a Scheduled attempt. */
  nodeName?: string;
  /** The FailedScheduling message, or the error. */
  message?: string;
  nodes: {
    /** Nodes in the cluster (the snapshot). */
    total: number;
    /** Nodes the filters ran on. */
    evaluated: number;
    feasible: number;
    /** Nodes not evaluated because enough feasible ones were found. */
    skipped: number;
    /** How many feasible nodes were enough, and the percentage of the cluster that is (adaptive by default). */
    feasibleNodesToFind: number;
    percentageOfNodesToScore: number;
    /** The position in the node list the search started at (round-robin across attempts). */
    startIndex: number;
  };
  /** Set when the pod's nominated node (from an earlier preemption) was tried first. */
  nominatedNode?: { node: string; feasible: boolean; plugin?: string; reasons?: string[] };
  preFilter: PreFilterEntry[];
  filter: {
    rejected: FilterRejection[];
    feasibleNodes: string[];
    skippedNodes: string[];
    /** Nodes left out of the lists above to keep the record small, per list. */
    omitted?: { rejected?: number; feasibleNodes?: number; skippedNodes?: number };
  };
  score?: {
    /** Score plugins whose PreScore returned Skip (nothing to score for this pod). */
    skippedPlugins: string[];
    /** Best first. */
    nodes: NodeScore[];
    omittedNodes?: number;
  };
  preemption?: PreemptionRecord;
  binding?: { result: 'Bound' | 'Failed'; message?: string };
}

export interface SchedulingDecisionStatus {
  podUID: string;
  schedulerName: string;
  /** Where the pod stands: the last attempt's result, Binding while it is bound, or SchedulingGated. */
  phase: AttemptResult | 'Binding' | 'SchedulingGated';
  nodeName?: string;
  nominatedNodeName?: string;
  message?: string;
  attemptCount: number;
  /** The most recent attempts, oldest first. */
  attempts: SchedulingAttempt[];
}

export interface SchedulingDecision {
  apiVersion: typeof SCHEDULING_DECISION_API_VERSION;
  kind: typeof SCHEDULING_DECISION_KIND;
  metadata: { name: string; namespace: string; creationTimestamp: string };
  status: SchedulingDecisionStatus;
}
