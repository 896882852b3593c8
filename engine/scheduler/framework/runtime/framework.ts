// The framework of one profile (runtime.frameworkImpl): builds the profile's plugins from the registry, sorts them
// into extension points, and runs each extension point as upstream does — which statuses stop a point, which
// plugins a Skip leaves out, how scores are normalized and weighted. It is also the Handle plugins receive.

import type { EventRecorder } from '../../../client/event-recorder.ts';
import type { InProcessClient } from '../../../client/in-process-client.ts';
import type { Clock } from '../../../lab/clock.ts';
import type { Pod } from '../api-types.ts';
import type { CycleState } from '../cycle-state.ts';
import type { ClusterEventWithHint } from '../events.ts';
import type { NodeToStatus } from '../fit-error.ts';
import {
  MAX_NODE_SCORE,
  MIN_NODE_SCORE,
  isBindPlugin,
  isEnqueueExtensions,
  isFilterPlugin,
  isPermitPlugin,
  isPostBindPlugin,
  isPostFilterPlugin,
  isPreBindPlugin,
  isPreEnqueuePlugin,
  isPreFilterPlugin,
  isPreScorePlugin,
  isQueueSortPlugin,
  isReservePlugin,
  isScorePlugin,
} from '../interface.ts';
import type {
  BindPlugin,
  FilterPlugin,
  Handle,
  NodeInfoLister,
  PermitPlugin,
  Plugin,
  PodNominator,
  PostBindPlugin,
  PostFilterOutcome,
  PostFilterPlugin,
  PreBindPlugin,
  PreEnqueuePlugin,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  QueueSortPlugin,
  ReservePlugin,
  SchedulerListers,
  ScorePlugin,
  WaitingPod,
} from '../interface.ts';
import type { NodeInfo } from '../node-info.ts';
import type { PodInfo } from '../pod-info.ts';
import { Status, isSuccess } from '../status.ts';
import type { Registry, Profile } from './registry.ts';
import { WaitingPodImpl } from './waiting-pods.ts';

/** The longest a Permit plugin may make a pod wait (maxTimeout): 15 minutes. */
const MAX_PERMIT_TIMEOUT_MS = 15 * 60 * 1000;

export interface FrameworkOptions {
  client: InProcessClient;
  clock: Clock;
  recorder: EventRecorder;
  listers: SchedulerListers;
  nominator: PodNominator;
  snapshot: () => NodeInfoLister;
  random: () => number;
}

export interface PreFilterRun {
  result: PreFilterResult | undefined;
  status: Status | null;
  /** The plugins whose PreFilterResult narrowed the nodes. */
  pluginsWithNodes: Set<string>;
}

/**
 * The scores of one Score plugin over the feasible nodes: raw, then normalized (before the weight). `raw` is a view
 * into a buffer the next runScorePlugins reuses: read it before the next cycle.
 */
export interface PluginScores {
  plugin: string;
  weight: number;
  raw: Float64Array | undefined;
  normalized: number[];
}

export interface ScoreRun {
  /** Weighted totals, per node in the order given. */
  totals: number[];
  plugins: PluginScores[];
}

const wrap = (point: string, plugin: string, status: Status): Status =>
  Status.asStatus(new Error(`running ${point} plugin "${plugin}": ${status.message()}`)).withPlugin(plugin);

export class Framework implements Handle {
  readonly profileName: string;
  readonly percentageOfNodesToScore: number;
  readonly client: InProcessClient;
  readonly clock: Clock;
  readonly recorder: EventRecorder;
  readonly listers: SchedulerListers;
  readonly nominator: PodNominator;
  readonly plugins: readonly Plugin[];
  readonly queueSortPlugin: QueueSortPlugin;
  readonly preEnqueuePlugins: readonly PreEnqueuePlugin[];
  readonly preFilterPlugins: readonly PreFilterPlugin[];
  readonly filterPlugins: readonly FilterPlugin[];
  readonly postFilterPlugins: readonly PostFilterPlugin[];
  readonly preScorePlugins: readonly PreScorePlugin[];
  readonly scorePlugins: readonly ScorePlugin[];
  readonly reservePlugins: readonly ReservePlugin[];
  readonly permitPlugins: readonly PermitPlugin[];
  readonly preBindPlugins: readonly PreBindPlugin[];
  readonly bindPlugins: readonly BindPlugin[];
  readonly postBindPlugins: readonly PostBindPlugin[];
  private readonly scoreWeights = new Map<string, number>();
  private readonly waitingPods = new Map<string, WaitingPodImpl>();
  /** Raw scores kept for the decision record, reused cycle after cycle. */
  private rawScoreBuffer = new Float64Array(0);
  private readonly snapshot: () => NodeInfoLister;
  readonly random: () => number;

  constructor(registry: Registry, profile: Profile, options: FrameworkOptions) {
    this.profileName = profile.schedulerName;
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore ?? 0;
    this.client = options.client;
    this.clock = options.clock;
    this.recorder = options.recorder;
    this.listers = options.listers;
    this.nominator = options.nominator;
    this.snapshot = options.snapshot;
    this.random = options.random;
    const plugins: Plugin[] = [];
    for (const config of profile.plugins) {
      const factory = registry.get(config.name);
      if (!factory) throw new Error(`plugin "${config.name}" does not exist`);
      const plugin = factory(this);
      plugins.push(plugin);
      if (isScorePlugin(plugin)) this.scoreWeights.set(plugin.name, config.weight || 1);
    }
    this.plugins = plugins;
    const queueSort = plugins.filter(isQueueSortPlugin);
    if (queueSort.length !== 1) throw new Error('one queue sort plugin required for profile');
    this.queueSortPlugin = queueSort[0]!;
    this.preEnqueuePlugins = plugins.filter(isPreEnqueuePlugin);
    this.preFilterPlugins = plugins.filter(isPreFilterPlugin);
    this.filterPlugins = plugins.filter(isFilterPlugin);
    this.postFilterPlugins = plugins.filter(isPostFilterPlugin);
    this.preScorePlugins = plugins.filter(isPreScorePlugin);
    this.scorePlugins = plugins.filter(isScorePlugin);
    this.reservePlugins = plugins.filter(isReservePlugin);
    this.permitPlugins = plugins.filter(isPermitPlugin);
    this.preBindPlugins = plugins.filter(isPreBindPlugin);
    this.bindPlugins = plugins.filter(isBindPlugin);
    this.postBindPlugins = plugins.filter(isPostBindPlugin);
    if (this.bindPlugins.length === 0) throw new Error('at least one bind plugin is needed for profile');
  }

  snapshotSharedLister(): NodeInfoLister {
    return this.snapshot();
  }

  /** The cluster events each plugin registered, by plugin name. */
  enqueueExtensions(): Map<string, ClusterEventWithHint[]> {
    const events = new Map<string, ClusterEventWithHint[]>();
    for (const p of this.plugins) if (isEnqueueExtensions(p)) events.set(p.name, p.eventsToRegister());
    return events;
  }

  /** The first PreEnqueue rejection of the pod, with its plugin. */
  runPreEnqueuePlugins(pod: Pod): Status | null {
    for (const pl of this.preEnqueuePlugins) {
      const status = pl.preEnqueue(pod);
      if (!isSuccess(status)) return status!.withPlugin(pl.name);
    }
    return null;
  }

  runPreFilterPlugins(state: CycleState, pod: PodInfo): PreFilterRun {
    let result: PreFilterResult | undefined;
    const pluginsWithNodes = new Set<string>();
    const skip = new Set<string>();
    let returnStatus: Status | null = null;
    for (const pl of this.preFilterPlugins) {
      const outcome = pl.preFilter(state, pod);
      const s = outcome.status;
      if (s?.code === 'Skip') {
        skip.add(pl.name);
        continue;
      }
      if (!isSuccess(s)) {
        s!.withPlugin(pl.name);
        if (s!.code === 'UnschedulableAndUnresolvable')
          return { result: undefined, status: s, pluginsWithNodes: new Set() };
        if (s!.code === 'Unschedulable') {
          // Run the others anyway: preemption needs their state.
          returnStatus = s;
          continue;
        }
        return { result: undefined, status: wrap('PreFilter', pl.name, s!), pluginsWithNodes: new Set() };
      }
      const nodeNames = outcome.result?.nodeNames;
      if (nodeNames !== undefined) {
        pluginsWithNodes.add(pl.name);
        const merged: Set<string> =
          result?.nodeNames === undefined
            ? new Set(nodeNames)
            : new Set([...result.nodeNames].filter((n) => nodeNames.has(n)));
        result = { nodeNames: merged };
        if (merged.size === 0) {
          const list = [...pluginsWithNodes].sort();
          const msg =
            list.length === 1
              ? `node(s) didn't satisfy plugin ${list[0]}`
              : `node(s) didn't satisfy plugin(s) [${list.join(' ')}] simultaneously`;
          return { result, status: new Status('UnschedulableAndUnresolvable', [msg]), pluginsWithNodes };
        }
      }
    }
    state.skipFilterPlugins = skip;
    if (returnStatus) return { result, status: returnStatus, pluginsWithNodes: new Set() };
    return { result, status: null, pluginsWithNodes };
  }

  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status | null {
    for (const pl of this.preFilterPlugins) {
      if (!pl.preFilterExtensions || state.skipFilterPlugins.has(pl.name)) continue;
      const status = pl.preFilterExtensions.addPod(state, pod, podToAdd, nodeInfo);
      if (!isSuccess(status)) return wrap('AddPod on PreFilter', pl.name, status!);
    }
    return null;
  }

  runPreFilterExtensionRemovePod(
    state: CycleState,
    pod: PodInfo,
    podToRemove: PodInfo,
    nodeInfo: NodeInfo,
  ): Status | null {
    for (const pl of this.preFilterPlugins) {
      if (!pl.preFilterExtensions || state.skipFilterPlugins.has(pl.name)) continue;
      const status = pl.preFilterExtensions.removePod(state, pod, podToRemove, nodeInfo);
      if (!isSuccess(status)) return wrap('RemovePod on PreFilter', pl.name, status!);
    }
    return null;
  }

  /** The Filter plugins a cycle runs: those whose PreFilter did not return Skip. */
  activeFilterPlugins(state: CycleState): FilterPlugin[] {
    return this.filterPlugins.filter((pl) => !state.skipFilterPlugins.has(pl.name));
  }

  /** The first rejection of the node, with its plugin (RunFilterPlugins). */
  runFilterPlugins(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, plugins = this.activeFilterPlugins(state)) {
    for (const pl of plugins) {
      const status = pl.filter(state, pod, nodeInfo);
      if (status !== null && status.code !== 'Success') {
        if (!status.isRejected()) {
          return Status.asStatus(new Error(`running "${pl.name}" filter plugin: ${status.message()}`)).withPlugin(
            pl.name,
          );
        }
        return status.withPlugin(pl.name);
      }
    }
    return null;
  }

  /**
   * Filters the node twice when pods of equal or higher priority are nominated to it: with them (they may take the
   * room) and, if that passes, without them (affinity to them must not count) (RunFilterPluginsWithNominatedPods).
   */
  runFilterPluginsWithNominatedPods(
    state: CycleState,
    pod: PodInfo,
    nodeInfo: NodeInfo,
    plugins?: FilterPlugin[],
  ): Status | null {
    const nominated = this.nominator.nominatedPodsForNode(nodeInfo.name);
    if (nominated.length === 0) return this.runFilterPlugins(state, pod, nodeInfo, plugins);
    let nodeInfoOut: NodeInfo | undefined;
    let stateOut: CycleState | undefined;
    for (const pi of nominated) {
      if (pi.priority < pod.priority || pi.uid === pod.uid) continue;
      nodeInfoOut ??= nodeInfo.snapshot();
      stateOut ??= state.clone();
      nodeInfoOut.addPod(pi);
      const status = this.runPreFilterExtensionAddPod(stateOut, pod, pi, nodeInfoOut);
      if (!isSuccess(status)) return status;
    }
    if (!nodeInfoOut || !stateOut) return this.runFilterPlugins(state, pod, nodeInfo, plugins);
    const withNominated = this.runFilterPlugins(stateOut, pod, nodeInfoOut, plugins);
    if (!isSuccess(withNominated)) return withNominated;
    return this.runFilterPlugins(state, pod, nodeInfo, plugins);
  }

  get hasFilterPlugins(): boolean {
    return this.filterPlugins.length > 0;
  }

  get hasPostFilterPlugins(): boolean {
    return this.postFilterPlugins.length > 0;
  }

  get hasScorePlugins(): boolean {
    return this.scorePlugins.length > 0;
  }

  /** Runs PostFilter plugins until one succeeds or one rules the pod out for good (RunPostFilterPlugins). */
  async runPostFilterPlugins(state: CycleState, pod: PodInfo, m: NodeToStatus): Promise<PostFilterOutcome> {
    let result: PostFilterOutcome['result'];
    const reasons: string[] = [];
    let rejector = '';
    for (const pl of this.postFilterPlugins) {
      const outcome = await pl.postFilter(state, pod, m);
      const s = outcome.status;
      if (isSuccess(s)) return outcome;
      if (s!.code === 'UnschedulableAndUnresolvable') return { ...outcome, status: s!.withPlugin(pl.name) };
      if (!s!.isRejected()) return { status: Status.asStatus(new Error(s!.message())).withPlugin(pl.name) };
      if (outcome.result && outcome.result.mode !== 'Noop') result = outcome.result;
      reasons.push(...s!.reasons);
      if (rejector === '') rejector = pl.name;
    }
    return { result, status: new Status('Unschedulable', reasons).withPlugin(rejector) };
  }

  /** Runs PreScore plugins; a Skip leaves the plugin's Score out of the cycle. */
  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    const skip = new Set<string>();
    for (const pl of this.preScorePlugins) {
      const status = pl.preScore(state, pod, nodes);
      if (status?.code === 'Skip') {
        skip.add(pl.name);
        continue;
      }
      if (!isSuccess(status)) return wrap('PreScore', pl.name, status!);
    }
    state.skipScorePlugins = skip;
    return null;
  }

  /**
   * Scores every node with every plugin, normalizes, weighs and sums (RunScorePlugins). Nodes are the outer loop, so
   * each node's data is read by all plugins while it is at hand.
   */
  runScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], keepRaw: boolean): ScoreRun | Status {
    const plugins = this.scorePlugins.filter((pl) => !state.skipScorePlugins.has(pl.name));
    const scores = plugins.map(() => new Array<number>(nodes.length));
    for (let i = 0; i < nodes.length; i++) {
      const nodeInfo = nodes[i]!;
      for (let p = 0; p < plugins.length; p++) scores[p]![i] = plugins[p]!.score(state, pod, nodeInfo);
    }
    const totals = new Array<number>(nodes.length).fill(0);
    const runs: PluginScores[] = [];
    for (let p = 0; p < plugins.length; p++) {
      const pl = plugins[p]!;
      const pluginScores = scores[p]!;
      let raw: Float64Array | undefined;
      if (keepRaw) {
        raw = this.rawScores(p, plugins.length, nodes.length);
        for (let i = 0; i < nodes.length; i++) raw[i] = pluginScores[i]!;
      }
      if (pl.normalizeScore) {
        const status = pl.normalizeScore(state, pod, nodes, pluginScores);
        if (!isSuccess(status)) return wrap('NormalizeScore', pl.name, status!);
      }
      const weight = this.scoreWeights.get(pl.name) ?? 1;
      for (let i = 0; i < nodes.length; i++) {
        const score = pluginScores[i]!;
        if (score > MAX_NODE_SCORE || score < MIN_NODE_SCORE) {
          return Status.asStatus(
            new Error(
              `plugin "${pl.name}" returns an invalid score ${score}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
            ),
          );
        }
        totals[i]! += score * weight;
      }
      runs.push({ plugin: pl.name, weight, raw, normalized: pluginScores });
    }
    return { totals, plugins: runs };
  }

  /** Plugin `p`'s part of the raw-score buffer, grown to fit `plugins` × `nodes` scores. */
  private rawScores(p: number, plugins: number, nodes: number): Float64Array {
    if (this.rawScoreBuffer.length < plugins * nodes) this.rawScoreBuffer = new Float64Array(plugins * nodes);
    return this.rawScoreBuffer.subarray(p * nodes, (p + 1) * nodes);
  }

  runReservePluginsReserve(state: CycleState, pod: PodInfo, nodeName: string): Status | null {
    for (const pl of this.reservePlugins) {
      const status = pl.reserve(state, pod, nodeName);
      if (isSuccess(status)) continue;
      if (status!.isRejected()) return status!.withPlugin(pl.name);
      return wrap('Reserve', pl.name, status!);
    }
    return null;
  }

  /** Unreserve runs in reverse order, so plugins undo what they did as a stack. */
  runReservePluginsUnreserve(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (let i = this.reservePlugins.length - 1; i >= 0; i--) this.reservePlugins[i]!.unreserve(state, pod, nodeName);
  }

  /** Runs Permit plugins; a Wait holds the pod as a waiting pod until WaitOnPermit (RunPermitPlugins). */
  runPermitPlugins(state: CycleState, pod: PodInfo, nodeName: string): Status | null {
    const waits = new Map<string, number>();
    for (const pl of this.permitPlugins) {
      const { status, timeoutMs = 0 } = pl.permit(state, pod, nodeName);
      if (isSuccess(status)) continue;
      if (status!.isRejected()) return status!.withPlugin(pl.name);
      if (status!.code === 'Wait') {
        waits.set(pl.name, Math.min(timeoutMs, MAX_PERMIT_TIMEOUT_MS));
        continue;
      }
      return wrap('Permit', pl.name, status!);
    }
    if (waits.size === 0) return null;
    this.waitingPods.set(pod.uid, new WaitingPodImpl(pod.pod, waits, this.clock));
    return new Status('Wait', [
      `one or more plugins asked to wait and no plugin rejected pod "${pod.pod.metadata.name ?? ''}"`,
    ]);
  }

  /** Waits until a waiting pod is allowed or rejected; null right away for a pod that was not held. */
  async waitOnPermit(pod: PodInfo): Promise<Status | null> {
    const waiting = this.waitingPods.get(pod.uid);
    if (!waiting) return null;
    try {
      return await waiting.result;
    } finally {
      this.waitingPods.delete(pod.uid);
    }
  }

  getWaitingPod(uid: string): WaitingPod | undefined {
    return this.waitingPods.get(uid);
  }

  /** Rejects a waiting pod (it was deleted); whether there was one. */
  rejectWaitingPod(uid: string): boolean {
    const waiting = this.waitingPods.get(uid);
    waiting?.reject('', 'removed');
    return waiting !== undefined;
  }

  async runPreBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): Promise<Status | null> {
    for (const pl of this.preBindPlugins) {
      const status = await pl.preBind(state, pod, nodeName);
      if (isSuccess(status)) continue;
      if (status!.isRejected()) return status!.withPlugin(pl.name);
      return wrap('PreBind', pl.name, status!);
    }
    return null;
  }

  async runBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): Promise<Status | null> {
    let status: Status | null = new Status('Skip');
    for (const pl of this.bindPlugins) {
      status = await pl.bind(state, pod, nodeName);
      if (status?.code === 'Skip') continue;
      if (isSuccess(status)) return null;
      if (status!.isRejected()) return status!.withPlugin(pl.name);
      return wrap('Bind', pl.name, status!);
    }
    return status;
  }

  runPostBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (const pl of this.postBindPlugins) pl.postBind(state, pod, nodeName);
  }
}
