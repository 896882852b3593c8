// TaintToleration (plugins/tainttoleration): Filter keeps a pod off nodes with a NoSchedule or NoExecute taint it
// does not tolerate; Score prefers nodes with fewer PreferNoSchedule taints it does not tolerate (normalized and
// reversed: the fewest such taints scores 100).

import type { KubeObject } from '../../../api/object.ts';
import type { Node, Pod, Taint, Toleration } from '../../framework/api-types.ts';
import type { CycleState, StateData } from '../../framework/cycle-state.ts';
import { ActionType } from '../../framework/events.ts';
import type { ClusterEventWithHint, QueueingHint } from '../../framework/events.ts';
import { MAX_NODE_SCORE } from '../../framework/interface.ts';
import type { EnqueueExtensions, FilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import { Status } from '../../framework/status.ts';
import { defaultNormalizeScore } from '../helper/normalize-score.ts';
import { doNotScheduleTaints, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../helper/taints.ts';
import * as names from '../names.ts';

export const Name = names.TaintToleration;

const preScoreStateKey = `PreScore${Name}`;

/** The status reason for a taint the pod does not tolerate: "node(s) had untolerated taint {key: value}". */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

class PreScoreState implements StateData {
  constructor(readonly tolerationsPreferNoSchedule: readonly Toleration[]) {}

  clone(): StateData {
    return this;
  }
}

/** The PreferNoSchedule taints of the node the tolerations do not tolerate. */
function countIntolerableTaintsPreferNoSchedule(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  let count = 0;
  for (const taint of taints) {
    if (taint.effect !== 'PreferNoSchedule') continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) count++;
  }
  return count;
}

export class TaintTolerationPlugin implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Name;

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    if (nodeInfo.taints.length === 0) return null;
    const taint = findMatchingUntoleratedTaint(nodeInfo.taints, pod.pod.spec.tolerations, doNotScheduleTaints);
    if (!taint) return null;
    return new Status('UnschedulableAndUnresolvable', [untoleratedTaintReason(taint)]);
  }

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    if (nodes.length === 0) return null;
    const tolerations = (pod.pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(preScoreStateKey, new PreScoreState(tolerations));
    return null;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<PreScoreState>(preScoreStateKey);
    return countIntolerableTaintsPreferNoSchedule(nodeInfo.taints, s?.tolerationsPreferNoSchedule ?? []);
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): Status | null {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
        queueingHintFn: isSchedulableAfterNodeChange,
      },
      {
        event: { resource: 'Pod', actionType: ActionType.UpdatePodTolerations },
        queueingHintFn: (pod, _old, changed) => (changed?.metadata.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip'),
      },
    ];
  }
}

/** Queue when the node had a taint the pod did not tolerate and now has none. */
function isSchedulableAfterNodeChange(
  pod: Pod,
  old: KubeObject | undefined,
  changed: KubeObject | undefined,
): QueueingHint {
  const untolerated = (node: KubeObject) =>
    findMatchingUntoleratedTaint((node as Node).spec?.taints ?? [], pod.spec.tolerations, doNotScheduleTaints) !==
    undefined;
  if (!changed) return 'QueueSkip';
  const was = old === undefined || untolerated(old);
  return was && !untolerated(changed) ? 'Queue' : 'QueueSkip';
}

export function newTaintToleration(): TaintTolerationPlugin {
  return new TaintTolerationPlugin();
}
