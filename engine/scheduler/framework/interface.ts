// The scheduling framework's extension points as small interfaces (framework/interface.go): a plugin implements
// the ones it needs — PreEnqueue, QueueSort, PreFilter (with AddPod/RemovePod extensions), Filter, PostFilter,
// PreScore, Score (with NormalizeScore), Reserve/Unreserve, Permit, PreBind, Bind, PostBind — and EnqueueExtensions
// to say which cluster events may make the pods it rejected schedulable. Plugins reach the rest of the scheduler
// through a Handle.

import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Lister } from '../../client/lister.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Pod } from './api-types.ts';
import type { CycleState } from './cycle-state.ts';
import type { ClusterEventWithHint } from './events.ts';
import type { NodeToStatus } from './fit-error.ts';
import type { ImageStateSummary, NodeInfo } from './node-info.ts';
import type { PodInfo } from './pod-info.ts';
import type { QueuedPodInfo } from './queued-pod-info.ts';
import type { Status } from './status.ts';

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

export interface Plugin {
  readonly name: string;
}

/** Gates a pod before it enters the active queue (scheduling gates). */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): Status | null;
}

/** Orders the active queue. */
export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

/** Which cluster events may make a pod this plugin rejected schedulable. */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): ClusterEventWithHint[];
}

/** The nodes a PreFilter plugin narrows the search to; undefined: all nodes. */
export interface PreFilterResult {
  nodeNames: ReadonlySet<string> | undefined;
}

export interface PreFilterOutcome {
  result?: PreFilterResult;
  status: Status | null;
}

/** Keeps a PreFilter plugin's cycle state right when preemption adds or removes pods on a node copy. */
export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status | null;
  removePod(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): Status | null;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo): PreFilterOutcome;
  readonly preFilterExtensions?: PreFilterExtensions;
}

/** Runs for every node; null when the pod may run there. */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null;
}

/** framework.NominatingInfo: what to do with the pod's status.nominatedNodeName. */
export interface NominatingInfo {
  nominatedNodeName: string;
  mode: 'Override' | 'Noop';
}

export interface PostFilterOutcome {
  result?: NominatingInfo;
  status: Status | null;
  /** The pods preempted to make room, for the decision record. */
  victims?: Pod[];
}

/** Runs when no node fits (preemption). */
export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, filteredNodeStatusMap: NodeToStatus): Promise<PostFilterOutcome>;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null;
}

/** Scores a feasible node; NormalizeScore (ScoreExtensions) maps the scores of all of them to 0–100. */
export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number;
  normalizeScore?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: number[]): Status | null;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): Status | null;
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

export interface PermitOutcome {
  status: Status | null;
  /** How long a Wait may last, in virtual ms. */
  timeoutMs?: number;
}

export interface PermitPlugin extends Plugin {
  permit(state: CycleState, pod: PodInfo, nodeName: string): PermitOutcome;
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: PodInfo, nodeName: string): Promise<Status | null>;
}

/** Binds the pod; a Skip status hands it to the next bind plugin. */
export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: PodInfo, nodeName: string): Promise<Status | null>;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: PodInfo, nodeName: string): void;
}

/** A pod waiting at Permit (framework.WaitingPod). */
export interface WaitingPod {
  readonly pod: Pod;
  allow(plugin: string): void;
  reject(plugin: string, message: string): void;
}

/** Read access to the snapshot of nodes taken for a cycle (framework.NodeInfoLister). */
export interface NodeInfoLister {
  list(): readonly NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
  havePodsWithAffinityList(): readonly NodeInfo[];
  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[];
  readonly byName: ReadonlyMap<string, NodeInfo>;
  /** Counts the snapshot's updates (absent for listers that do not track them). */
  readonly version?: number;
  /** The NodeInfos changed after `version`; undefined when that is no longer known. */
  changedSince?(version: number): readonly NodeInfo[] | undefined;
  /** Every image on the nodes by name: the summaries the NodeInfos' imageStates share (absent when not known). */
  readonly imageStates?: ReadonlyMap<string, ImageStateSummary>;
}

/** The pods nominated to nodes by preemption (framework.PodNominator). */
export interface PodNominator {
  addNominatedPod(pod: PodInfo, nominatingInfo: NominatingInfo | undefined): void;
  deleteNominatedPodIfExists(pod: Pod): void;
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
}

/** The informer caches plugins read (listers), as the scheduler's informer factory provides them. */
export interface SchedulerListers {
  pods: Lister;
  namespaces: Lister;
  services: Lister;
  replicationControllers: Lister;
  replicaSets: Lister;
  statefulSets: Lister;
  podDisruptionBudgets: Lister;
}

/** What plugins may use of the scheduler (framework.Handle). */
export interface Handle {
  readonly client: InProcessClient;
  readonly clock: Clock;
  readonly recorder: EventRecorder;
  readonly listers: SchedulerListers;
  readonly nominator: PodNominator;
  /** A number in [0, 1), from the scheduler's seeded generator. */
  random(): number;
  snapshotSharedLister(): NodeInfoLister;
  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status | null;
  runPreFilterExtensionRemovePod(
    state: CycleState,
    pod: PodInfo,
    podToRemove: PodInfo,
    nodeInfo: NodeInfo,
  ): Status | null;
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null;
  getWaitingPod(uid: string): WaitingPod | undefined;
}

/** Builds a plugin for a framework (plugins take no configuration arguments here). */
export type PluginFactory = (handle: Handle) => Plugin;

const has = (p: Plugin, method: string): boolean =>
  typeof (p as unknown as Record<string, unknown>)[method] === 'function';

export const isPreEnqueuePlugin = (p: Plugin): p is PreEnqueuePlugin => has(p, 'preEnqueue');
export const isQueueSortPlugin = (p: Plugin): p is QueueSortPlugin => has(p, 'less');
export const isEnqueueExtensions = (p: Plugin): p is EnqueueExtensions => has(p, 'eventsToRegister');
export const isPreFilterPlugin = (p: Plugin): p is PreFilterPlugin => has(p, 'preFilter');
export const isFilterPlugin = (p: Plugin): p is FilterPlugin => has(p, 'filter');
export const isPostFilterPlugin = (p: Plugin): p is PostFilterPlugin => has(p, 'postFilter');
export const isPreScorePlugin = (p: Plugin): p is PreScorePlugin => has(p, 'preScore');
export const isScorePlugin = (p: Plugin): p is ScorePlugin => has(p, 'score');
export const isReservePlugin = (p: Plugin): p is ReservePlugin => has(p, 'reserve');
export const isPermitPlugin = (p: Plugin): p is PermitPlugin => has(p, 'permit');
export const isPreBindPlugin = (p: Plugin): p is PreBindPlugin => has(p, 'preBind');
export const isBindPlugin = (p: Plugin): p is BindPlugin => has(p, 'bind');
export const isPostBindPlugin = (p: Plugin): p is PostBindPlugin => has(p, 'postBind');
