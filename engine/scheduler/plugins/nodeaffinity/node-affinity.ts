// NodeAffinity (plugins/nodeaffinity): Filter keeps a pod on nodes matching its nodeSelector and required node
// affinity (PreFilter narrows the search to the nodes a metadata.name matchField names); Score sums the weights of
// the preferred terms a node matches, normalized against the best node.

import type { KubeObject } from '../../../api/object.ts';
import type { Node, Pod } from '../../framework/api-types.ts';
import type { CycleState, StateData } from '../../framework/cycle-state.ts';
import { ActionType } from '../../framework/events.ts';
import type { ClusterEventWithHint, QueueingHint } from '../../framework/events.ts';
import { MAX_NODE_SCORE } from '../../framework/interface.ts';
import type {
  EnqueueExtensions,
  FilterPlugin,
  PreFilterOutcome,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import { Status } from '../../framework/status.ts';
import { PreferredSchedulingTerms, RequiredNodeAffinity } from '../helper/node-affinity.ts';
import { defaultNormalizeScore } from '../helper/normalize-score.ts';
import * as names from '../names.ts';

export const Name = names.NodeAffinity;

/** ErrReasonPod: the node does not match the pod's nodeSelector or required node affinity. */
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
/** errReasonConflict: the pod's terms name disjoint sets of nodes. */
export const ErrReasonConflict = 'pod affinity terms conflict';

const preFilterStateKey = `PreFilter${Name}`;
const preScoreStateKey = `PreScore${Name}`;

class PreFilterState implements StateData {
  constructor(readonly requiredNodeSelectorAndAffinity: RequiredNodeAffinity) {}

  clone(): StateData {
    return this;
  }
}

class PreScoreState implements StateData {
  constructor(readonly preferredNodeAffinity: PreferredSchedulingTerms) {}

  clone(): StateData {
    return this;
  }
}

/** The node names the required terms pin the pod to via metadata.name In; undefined when a term pins none. */
function pinnedNodeNames(pod: Pod): Set<string> | undefined {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  let nodeNames: Set<string> | undefined;
  for (const term of terms) {
    let termNodeNames: Set<string> | undefined;
    for (const r of term.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const values = new Set(r.values ?? []);
      termNodeNames = termNodeNames ? new Set([...termNodeNames].filter((n) => values.has(n))) : values;
    }
    // A term without a node name matches any node: the terms are ORed.
    if (!termNodeNames) return undefined;
    nodeNames = new Set([...(nodeNames ?? []), ...termNodeNames]);
  }
  return nodeNames;
}

export class NodeAffinityPlugin
  implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions
{
  readonly name = Name;

  preFilter(state: CycleState, pod: PodInfo): PreFilterOutcome {
    const affinity = pod.pod.spec.affinity;
    const required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !pod.pod.spec.nodeSelector) return { status: new Status('Skip') };
    state.write(preFilterStateKey, new PreFilterState(new RequiredNodeAffinity(pod.pod)));
    const nodeNames = pinnedNodeNames(pod.pod);
    if (nodeNames === undefined) return { status: null };
    if (nodeNames.size === 0) return { status: new Status('UnschedulableAndUnresolvable', [ErrReasonConflict]) };
    return { status: null, result: { nodeNames } };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const s = state.read<PreFilterState>(preFilterStateKey) ?? new PreFilterState(new RequiredNodeAffinity(pod.pod));
    if (nodeInfo.node && s.requiredNodeSelectorAndAffinity.match(nodeInfo.node)) return null;
    return new Status('UnschedulableAndUnresolvable', [ErrReasonPod]);
  }

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    if (nodes.length === 0) return null;
    const preferred = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!preferred || preferred.length === 0) return new Status('Skip');
    let terms: PreferredSchedulingTerms;
    try {
      terms = PreferredSchedulingTerms.parse(preferred);
    } catch (error) {
      return Status.asStatus(new Error(`parsing pod: ${error instanceof Error ? error.message : String(error)}`));
    }
    state.write(preScoreStateKey, new PreScoreState(terms));
    return null;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<PreScoreState>(preScoreStateKey);
    return s && nodeInfo.node ? s.preferredNodeAffinity.score(nodeInfo.node) : 0;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): Status | null {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel },
        queueingHintFn: isSchedulableAfterNodeChange,
      },
    ];
  }
}

/** Queue when the node now matches the pod's required affinity and did not before. */
function isSchedulableAfterNodeChange(
  pod: Pod,
  old: KubeObject | undefined,
  changed: KubeObject | undefined,
): QueueingHint {
  if (!changed) return 'QueueSkip';
  const required = new RequiredNodeAffinity(pod);
  if (!required.match(changed as Node)) return 'QueueSkip';
  if (!old) return 'Queue';
  return required.match(old as Node) ? 'QueueSkip' : 'Queue';
}

export function newNodeAffinity(): NodeAffinityPlugin {
  return new NodeAffinityPlugin();
}
