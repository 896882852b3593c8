// PodTopologySpread (plugins/podtopologyspread): spreads matching pods across topology domains — hard
// (DoNotSchedule) constraints as a Filter, soft (ScheduleAnyway) ones as a Score — with the system default soft
// constraints (3 per host, 5 per zone) for pods that state none but belong to a Service or controller.

import type { KubeObject } from '../../../api/object.ts';
import type { Node, Pod } from '../../framework/api-types.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import { ActionType } from '../../framework/events.ts';
import type { ClusterEventWithHint, QueueingHint } from '../../framework/events.ts';
import type {
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  PreFilterExtensions,
  PreFilterOutcome,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import { Status } from '../../framework/status.ts';
import * as names from '../names.ts';
import { constraintsOf } from './common.ts';
import { DomainCounts } from './domain-counts.ts';
import type { PreFilterState } from './filtering.ts';
import { ErrReasonNodeLabelNotMatch, calPreFilterState, filterNode } from './filtering.ts';
import type { PreScoreState } from './scoring.ts';
import { calPreScoreState, normalizeScores, scoreNode } from './scoring.ts';

export const Name = names.PodTopologySpread;

const preFilterStateKey = `PreFilter${Name}`;
const preScoreStateKey = `PreScore${Name}`;

export class PodTopologySpreadPlugin
  implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions
{
  readonly name = Name;
  /** The default constraints are the system's (defaultingType: System). */
  private readonly systemDefaulted = true;
  /** PreScore's matching pods per domain over all nodes, kept between cycles. */
  private readonly domainCounts = new DomainCounts();
  readonly preFilterExtensions: PreFilterExtensions = {
    addPod: (state, pod, podToAdd, nodeInfo) => this.updateWithPod(state, pod, podToAdd, nodeInfo, 1),
    removePod: (state, pod, podToRemove, nodeInfo) => this.updateWithPod(state, pod, podToRemove, nodeInfo, -1),
  };

  constructor(private readonly handle: Handle) {}

  preFilter(state: CycleState, pod: PodInfo): PreFilterOutcome {
    const constraints = constraintsOf(pod.pod, this.handle.listers, 'DoNotSchedule');
    if (constraints.length === 0) return { status: new Status('Skip') };
    const allNodes = this.handle.snapshotSharedLister().list();
    state.write(preFilterStateKey, calPreFilterState(pod.pod, constraints, allNodes));
    return { status: null };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const s = state.read<PreFilterState>(preFilterStateKey);
    if (!s || s.constraints.length === 0) return null;
    const reason = filterNode(s, pod.pod, nodeInfo);
    if (reason === undefined) return null;
    return new Status(reason === ErrReasonNodeLabelNotMatch ? 'UnschedulableAndUnresolvable' : 'Unschedulable', [
      reason,
    ]);
  }

  preScore(state: CycleState, pod: PodInfo, filteredNodes: readonly NodeInfo[]): Status | null {
    const lister = this.handle.snapshotSharedLister();
    const allNodes = lister.list();
    if (filteredNodes.length === 0 || allNodes.length === 0) return new Status('Skip');
    const constraints = constraintsOf(pod.pod, this.handle.listers, 'ScheduleAnyway');
    if (constraints.length === 0) return new Status('Skip');
    // Only pods' own constraints require nodes to have every topology key: nodes without a zone still spread by host.
    const requireAllTopologies = (pod.pod.spec.topologySpreadConstraints?.length ?? 0) > 0 || !this.systemDefaulted;
    state.write(
      preScoreStateKey,
      calPreScoreState(pod.pod, constraints, filteredNodes, allNodes, requireAllTopologies, {
        counts: this.domainCounts,
        lister,
      }),
    );
    return null;
  }

  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<PreScoreState>(preScoreStateKey);
    return s ? scoreNode(s, pod.pod, nodeInfo) : 0;
  }

  normalizeScore(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], scores: number[]): Status | null {
    const s = state.read<PreScoreState>(preScoreStateKey);
    if (s) normalizeScores(s, nodes, scores);
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: {
          resource: 'Pod',
          actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.UpdatePodTolerations | ActionType.Delete,
        },
        queueingHintFn: (pod, old, changed) => this.isSchedulableAfterPodChange(pod, old, changed),
      },
      {
        event: {
          resource: 'Node',
          actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
        },
        queueingHintFn: (pod, old, changed) => this.isSchedulableAfterNodeChange(pod, old, changed),
      },
    ];
  }

  private updateWithPod(state: CycleState, pod: PodInfo, other: PodInfo, nodeInfo: NodeInfo, delta: number) {
    state.read<PreFilterState>(preFilterStateKey)?.updateWithPod(other.pod, pod.pod, nodeInfo, delta);
    return null;
  }

  /** Queue when the changed pod is the pod itself or, in its namespace, matches (or matched) a constraint. */
  private isSchedulableAfterPodChange(
    pod: Pod,
    old: KubeObject | undefined,
    changed: KubeObject | undefined,
  ): QueueingHint {
    const other = (changed ?? old) as Pod | undefined;
    if (!other) return 'QueueSkip';
    if (other.metadata.uid === pod.metadata.uid) return 'Queue';
    if (other.metadata.namespace !== pod.metadata.namespace) return 'QueueSkip';
    const constraints = constraintsOf(pod, this.handle.listers, 'DoNotSchedule');
    const matches = (p: KubeObject | undefined) =>
      p !== undefined && constraints.some((c) => c.selector.matches(p.metadata.labels));
    return matches(old) || matches(changed) ? 'Queue' : 'QueueSkip';
  }

  /** Queue when a node with (or that had) every topology key changed. */
  private isSchedulableAfterNodeChange(
    pod: Pod,
    old: KubeObject | undefined,
    changed: KubeObject | undefined,
  ): QueueingHint {
    const constraints = constraintsOf(pod, this.handle.listers, 'DoNotSchedule');
    const hasKeys = (n: KubeObject | undefined) =>
      n !== undefined && constraints.every((c) => (n as Node).metadata.labels?.[c.topologyKey] !== undefined);
    return hasKeys(old) || hasKeys(changed) ? 'Queue' : 'QueueSkip';
  }
}

export function newPodTopologySpread(handle: Handle): PodTopologySpreadPlugin {
  return new PodTopologySpreadPlugin(handle);
}
