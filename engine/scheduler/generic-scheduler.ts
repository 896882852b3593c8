// Finding a node for one pod (schedule_one.go's schedulePod and the functions under it): bring the snapshot up to
// date with the cache, then PreFilter, then Filter
// over the nodes starting where the last cycle stopped, until enough feasible nodes are found
// (percentageOfNodesToScore: 50% − nodes/125, at least 5%, at least 100 nodes); then PreScore, Score, and a random
// pick among the best. A pod nominated by an earlier preemption tries its nominated node first.

import type { CycleState } from './framework/cycle-state.ts';
import { Diagnosis, FitError } from './framework/fit-error.ts';
import type { NodeInfo } from './framework/node-info.ts';
import type { PodInfo } from './framework/pod-info.ts';
import type { Framework } from './framework/runtime/framework.ts';
import { Status, isSuccess } from './framework/status.ts';
import type { SchedulerCache } from './internal/cache/cache.ts';
import type { Snapshot } from './internal/cache/snapshot.ts';
import type { AttemptBuilder } from './decision-record.ts';

/** minFeasibleNodesToFind: below this many nodes, all are evaluated. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** minFeasibleNodesPercentageToFind. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** ErrNoNodesAvailable. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface ScheduleResult {
  suggestedHost: string;
  evaluatedNodes: number;
  feasibleNodes: number;
}

export type SchedulePodOutcome =
  | { kind: 'scheduled'; result: ScheduleResult }
  | { kind: 'unschedulable'; fitError: FitError }
  | { kind: 'error'; status: Status };

/** The adaptive percentage of nodes to find feasible before scoring (numFeasibleNodesToFind's percentage). */
export function adaptivePercentage(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (percentageOfNodesToScore > 0) return percentageOfNodesToScore;
  return Math.max(50 - Math.trunc(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
}

/** How many feasible nodes are enough (numFeasibleNodesToFind). */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  const numNodes = Math.trunc((numAllNodes * adaptivePercentage(percentageOfNodesToScore, numAllNodes)) / 100);
  return Math.max(numNodes, MIN_FEASIBLE_NODES_TO_FIND);
}

export class GenericScheduler {
  /** Where the next cycle starts looking, so every node gets its turn. */
  nextStartNodeIndex = 0;

  constructor(
    private readonly cache: SchedulerCache,
    private readonly snapshot: Snapshot,
    private readonly random: () => number,
  ) {}

  schedulePod(fwk: Framework, state: CycleState, pod: PodInfo, record?: AttemptBuilder): SchedulePodOutcome {
    this.cache.updateSnapshot(this.snapshot);
    const numAllNodes = this.snapshot.numNodes;
    if (numAllNodes === 0) {
      return { kind: 'error', status: new Status('UnschedulableAndUnresolvable', [ERR_NO_NODES_AVAILABLE]) };
    }
    const found = this.findNodesThatFitPod(fwk, state, pod, record);
    if ('status' in found) return { kind: 'error', status: found.status };
    const { feasibleNodes, diagnosis } = found;
    if (feasibleNodes.length === 0) {
      return { kind: 'unschedulable', fitError: new FitError(numAllNodes, diagnosis) };
    }
    if (feasibleNodes.length === 1) {
      return {
        kind: 'scheduled',
        result: {
          suggestedHost: feasibleNodes[0]!.name,
          evaluatedNodes: 1 + diagnosis.nodeToStatus.size,
          feasibleNodes: 1,
        },
      };
    }
    const prioritized = this.prioritizeNodes(fwk, state, pod, feasibleNodes, record);
    if (prioritized instanceof Status) return { kind: 'error', status: prioritized };
    return {
      kind: 'scheduled',
      result: {
        suggestedHost: this.selectHost(feasibleNodes, prioritized),
        evaluatedNodes: feasibleNodes.length + diagnosis.nodeToStatus.size,
        feasibleNodes: feasibleNodes.length,
      },
    };
  }

  private findNodesThatFitPod(
    fwk: Framework,
    state: CycleState,
    pod: PodInfo,
    record?: AttemptBuilder,
  ): { feasibleNodes: NodeInfo[]; diagnosis: Diagnosis } | { status: Status } {
    const diagnosis = new Diagnosis();
    const allNodes = this.snapshot.list();
    const preFilter = fwk.runPreFilterPlugins(state, pod);
    record?.preFilter(preFilter, state.skipFilterPlugins);
    for (const plugin of preFilter.pluginsWithNodes) diagnosis.unschedulablePlugins.add(plugin);
    const s = preFilter.status;
    if (!isSuccess(s)) {
      if (!s!.isRejected()) return { status: s! };
      // Every node gets the PreFilter status, so preemption sees it; the message is the PreFilter's alone.
      diagnosis.nodeToStatus.setAbsentNodesStatus(s!);
      diagnosis.preFilterMsg = s!.message();
      diagnosis.addPluginStatus(s!);
      return { feasibleNodes: [], diagnosis };
    }
    const nominated = pod.pod.status?.nominatedNodeName ?? '';
    if (nominated !== '') {
      const nodeInfo = this.snapshot.get(nominated);
      if (nodeInfo) {
        const feasible = this.findNodesThatPassFilters(fwk, state, pod, diagnosis, [nodeInfo]);
        record?.nominatedNode(nominated, feasible.length > 0 ? null : diagnosis.nodeToStatus.get(nominated));
        if (feasible.length > 0) return { feasibleNodes: feasible, diagnosis };
      }
    }
    let nodes = allNodes;
    const nodeNames = preFilter.result?.nodeNames;
    if (nodeNames !== undefined) {
      nodes = [];
      for (const name of nodeNames) {
        const info = this.snapshot.get(name);
        if (info) (nodes as NodeInfo[]).push(info);
      }
      const plugins = [...preFilter.pluginsWithNodes].sort().join(' ');
      diagnosis.nodeToStatus.setAbsentNodesStatus(
        new Status('UnschedulableAndUnresolvable', [`node(s) didn't satisfy plugin(s) [${plugins}]`]),
      );
    }
    const start = this.nextStartNodeIndex;
    const feasibleNodes = this.findNodesThatPassFilters(fwk, state, pod, diagnosis, nodes, record);
    const processedNodes = feasibleNodes.length + diagnosis.nodeToStatus.size;
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processedNodes) % allNodes.length;
    record?.filtered(nodes, start, processedNodes, feasibleNodes, diagnosis.nodeToStatus, allNodes.length);
    return { feasibleNodes, diagnosis };
  }

  /** Filters nodes from nextStartNodeIndex until enough are feasible; the others' statuses go to the diagnosis. */
  private findNodesThatPassFilters(
    fwk: Framework,
    state: CycleState,
    pod: PodInfo,
    diagnosis: Diagnosis,
    nodes: readonly NodeInfo[],
    record?: AttemptBuilder,
  ): NodeInfo[] {
    const numAllNodes = nodes.length;
    const numNodesToFind = numFeasibleNodesToFind(fwk.percentageOfNodesToScore, numAllNodes);
    record?.numNodesToFind(numNodesToFind, adaptivePercentage(fwk.percentageOfNodesToScore, numAllNodes));
    const feasible: NodeInfo[] = [];
    if (numAllNodes === 0) return feasible;
    if (!fwk.hasFilterPlugins) {
      for (let i = 0; i < numNodesToFind; i++) feasible.push(nodes[(this.nextStartNodeIndex + i) % numAllNodes]!);
      return feasible;
    }
    const plugins = fwk.activeFilterPlugins(state);
    for (let i = 0; i < numAllNodes && feasible.length < numNodesToFind; i++) {
      const nodeInfo = nodes[(this.nextStartNodeIndex + i) % numAllNodes]!;
      const status = fwk.runFilterPluginsWithNominatedPods(state, pod, nodeInfo, plugins);
      if (status === null || status.code === 'Success') {
        feasible.push(nodeInfo);
        continue;
      }
      diagnosis.nodeToStatus.set(nodeInfo.name, status);
      diagnosis.addPluginStatus(status);
    }
    return feasible;
  }

  /** PreScore and Score over the feasible nodes: their weighted totals (prioritizeNodes). */
  private prioritizeNodes(
    fwk: Framework,
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    record?: AttemptBuilder,
  ): number[] | Status {
    if (!fwk.hasScorePlugins) return nodes.map(() => 1);
    const preScore = fwk.runPreScorePlugins(state, pod, nodes);
    if (!isSuccess(preScore)) return preScore!;
    const run = fwk.runScorePlugins(state, pod, nodes, record !== undefined);
    if (run instanceof Status) return run;
    record?.scored(nodes, run, state.skipScorePlugins);
    return run.totals;
  }

  /** A node with the highest total, chosen uniformly among ties (reservoir sampling, as selectHost). */
  private selectHost(nodes: readonly NodeInfo[], totals: readonly number[]): string {
    let selected = 0;
    let max = totals[0]!;
    let count = 1;
    for (let i = 1; i < totals.length; i++) {
      const score = totals[i]!;
      if (score > max) {
        max = score;
        selected = i;
        count = 1;
      } else if (score === max) {
        count++;
        if (Math.floor(this.random() * count) === 0) selected = i;
      }
    }
    return nodes[selected]!.name;
  }
}
