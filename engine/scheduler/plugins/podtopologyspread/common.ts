// What PodTopologySpread's Filter and Score share (plugins/podtopologyspread/common.go): a pod's spread constraints
// parsed (selector with matchLabelKeys merged in, minDomains, node inclusion policies), the cluster's default
// constraints built from the pod's Services and controller, and which nodes count toward a constraint.

import { LabelSelector } from '../../../apiserver/selectors/label-selector.ts';
import type { MetaLabelSelectorRequirement } from '../../../apiserver/selectors/label-selector.ts';
import type { Node, Pod, TopologySpreadConstraint } from '../../framework/api-types.ts';
import type { SchedulerListers } from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import { defaultSelector } from '../helper/default-selector.ts';
import type { RequiredNodeAffinity } from '../helper/node-affinity.ts';
import { doNotScheduleTaints, findMatchingUntoleratedTaint } from '../helper/taints.ts';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** The system default constraints (systemDefaultConstraints): soft spreading over hosts and zones. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/** A parsed constraint (topologySpreadConstraint). */
export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
  /** "namespace\0selector": which pods the constraint counts. */
  countKey: string;
  /** The countKey's id, under which a NodeInfo memoizes its count. */
  countId: number;
}

/** Ids of countKeys, never reused (a NodeInfo may still hold a count under an id forgotten here). */
const countIds = new Map<string, number>();
let nextCountId = 0;
/** Different countKeys remembered at once; beyond, they are forgotten and get new ids. */
const MAX_COUNT_IDS = 4096;

function countIdOf(countKey: string): number {
  let id = countIds.get(countKey);
  if (id === undefined) {
    if (countIds.size >= MAX_COUNT_IDS) countIds.clear();
    id = nextCountId++;
    countIds.set(countKey, id);
  }
  return id;
}

function countKeyed(namespace: string, selector: LabelSelector): { countKey: string; countId: number } {
  const countKey = `${namespace}\u0000${selector.toString()}`;
  return { countKey, countId: countIdOf(countKey) };
}

/** The constraints with `action` (DoNotSchedule or ScheduleAnyway), parsed (filterTopologySpreadConstraints). */
export function filterTopologySpreadConstraints(
  constraints: readonly TopologySpreadConstraint[],
  pod: Pod,
  action: string,
): SpreadConstraint[] {
  const result: SpreadConstraint[] = [];
  const podLabels = pod.metadata.labels ?? {};
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = LabelSelector.fromLabelSelector(c.labelSelector);
    const matchLabels: MetaLabelSelectorRequirement[] = [];
    for (const key of c.matchLabelKeys ?? []) {
      const value = podLabels[key];
      if (value !== undefined) matchLabels.push({ key, operator: 'In', values: [value] });
    }
    if (matchLabels.length > 0 && c.labelSelector) {
      selector = LabelSelector.fromLabelSelector({
        matchLabels: c.labelSelector.matchLabels,
        matchExpressions: [...(c.labelSelector.matchExpressions ?? []), ...matchLabels],
      });
    }
    result.push(spreadConstraint(c, selector, pod));
  }
  return result;
}

function spreadConstraint(c: TopologySpreadConstraint, selector: LabelSelector, pod: Pod): SpreadConstraint {
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    minDomains: c.minDomains ?? 1,
    nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
    nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    ...countKeyed(pod.metadata.namespace ?? '', selector),
  };
}

/** The system default constraints with the pod's default selector, none when it has none (buildDefaultConstraints). */
export function buildDefaultConstraints(pod: Pod, listers: SchedulerListers, action: string): SpreadConstraint[] {
  const constraints = filterTopologySpreadConstraints(SYSTEM_DEFAULT_CONSTRAINTS, pod, action);
  if (constraints.length === 0) return [];
  const selector = defaultSelector(pod, listers);
  if (selector.isEmpty()) return [];
  const keyed = countKeyed(pod.metadata.namespace ?? '', selector);
  return constraints.map((c) => ({ ...c, selector, ...keyed }));
}

/** The pod's own constraints with `action`, or the defaults when it states none. */
export function constraintsOf(pod: Pod, listers: SchedulerListers, action: string): SpreadConstraint[] {
  const own = pod.spec.topologySpreadConstraints ?? [];
  return own.length > 0
    ? filterTopologySpreadConstraints(own, pod, action)
    : buildDefaultConstraints(pod, listers, action);
}

/** Whether the node has every constraint's topology key (nodeLabelsMatchSpreadConstraints). */
export function nodeLabelsMatchSpreadConstraints(
  labels: Readonly<Record<string, string>>,
  constraints: readonly SpreadConstraint[],
): boolean {
  for (const c of constraints) if (labels[c.topologyKey] === undefined) return false;
  return true;
}

/** Whether the node counts for the constraint under its node affinity and taints policies. */
export function matchNodeInclusionPolicies(
  c: SpreadConstraint,
  pod: Pod,
  node: Node,
  requiredNodeAffinity: RequiredNodeAffinity,
): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !requiredNodeAffinity.match(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor') {
    const taints = node.spec?.taints ?? [];
    if (findMatchingUntoleratedTaint(taints, pod.spec.tolerations, doNotScheduleTaints)) return false;
  }
  return true;
}

/** The node's pods in the namespace, not terminating, matching the selector; 0 for an empty selector. */
export function countPodsMatchSelector(nodeInfo: NodeInfo, c: SpreadConstraint, namespace: string): number {
  if (c.selector.isEmpty()) return 0;
  return nodeInfo.countMatching(c.countId, namespace, c.selector);
}
