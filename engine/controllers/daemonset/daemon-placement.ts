// Which nodes a DaemonSet's pod belongs on (NodeShouldRunDaemonPod): the template's nodeName, nodeSelector and
// required node affinity must fit the node, and its tolerations — with those every daemon pod gets — the node's
// NoSchedule and NoExecute taints. A pod already there may stay on a node whose NoSchedule taints it does not
// tolerate, as long as it tolerates the NoExecute ones. Built once per template and asked for every node.

import { deepCopy } from '../../api/object.ts';
import type { Node, Pod as SchedulerPod, Taint, Toleration } from '../../scheduler/framework/api-types.ts';
import { RequiredNodeAffinity } from '../../scheduler/plugins/helper/node-affinity.ts';
import { findMatchingUntoleratedTaint } from '../../scheduler/plugins/helper/taints.ts';
import type { PodSpec } from '../common/workload-types.ts';
import type { DaemonSet } from './daemonset-types.ts';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/** v1helper.AddOrUpdateTolerationInPodSpec: replaces a toleration with the same key, operator, value and effect. */
function addOrUpdateToleration(spec: PodSpec, toleration: Toleration): void {
  const tolerations = (spec['tolerations'] as Toleration[] | undefined) ?? [];
  const same = (t: Toleration): boolean =>
    (t.key ?? '') === (toleration.key ?? '') &&
    (t.effect ?? '') === (toleration.effect ?? '') &&
    (t.operator ?? '') === (toleration.operator ?? '') &&
    (t.value ?? '') === (toleration.value ?? '');
  const index = tolerations.findIndex(same);
  if (index < 0) spec['tolerations'] = [...tolerations, toleration];
  else spec['tolerations'] = tolerations.map((t, i) => (i === index ? toleration : t));
}

/**
 * AddOrUpdateDaemonPodTolerations: daemon pods survive a node going not-ready or unreachable (no tolerationSeconds),
 * and are placed despite pressure, cordoning and — with host networking — an unavailable network.
 */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): void {
  const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });
  addOrUpdateToleration(spec, exists(TAINT_NODE_NOT_READY, 'NoExecute'));
  addOrUpdateToleration(spec, exists(TAINT_NODE_UNREACHABLE, 'NoExecute'));
  addOrUpdateToleration(spec, exists(TAINT_NODE_DISK_PRESSURE, 'NoSchedule'));
  addOrUpdateToleration(spec, exists(TAINT_NODE_MEMORY_PRESSURE, 'NoSchedule'));
  addOrUpdateToleration(spec, exists(TAINT_NODE_PID_PRESSURE, 'NoSchedule'));
  addOrUpdateToleration(spec, exists(TAINT_NODE_UNSCHEDULABLE, 'NoSchedule'));
  if (spec['hostNetwork'] === true) addOrUpdateToleration(spec, exists(TAINT_NODE_NETWORK_UNAVAILABLE, 'NoSchedule'));
}

export interface Placement {
  /** A daemon pod should be created on the node. */
  shouldRun: boolean;
  /** A daemon pod already on the node may stay. */
  shouldContinueRunning: boolean;
}

const noSchedulingTaints = (taint: Taint): boolean => taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
const noExecuteTaints = (taint: Taint): boolean => taint.effect === 'NoExecute';

export class DaemonPlacement {
  private readonly nodeName: string;
  private readonly affinity: RequiredNodeAffinity;
  private readonly tolerations: Toleration[];
  private readonly evaluated = new WeakMap<Node, Placement>();

  constructor(ds: DaemonSet) {
    const spec = deepCopy(ds.spec?.template?.spec ?? {}) as PodSpec;
    addOrUpdateDaemonPodTolerations(spec);
    this.nodeName = spec.nodeName ?? '';
    this.tolerations = (spec['tolerations'] as Toleration[] | undefined) ?? [];
    this.affinity = new RequiredNodeAffinity({ metadata: {}, spec: spec as SchedulerPod['spec'] });
  }

  /** NodeShouldRunDaemonPod for one node; a node object (informers replace them on change) is evaluated once. */
  evaluate(node: Node): Placement {
    let placement = this.evaluated.get(node);
    if (!placement) this.evaluated.set(node, (placement = this.evaluateNode(node)));
    return placement;
  }

  private evaluateNode(node: Node): Placement {
    const name = node.metadata.name ?? '';
    if ((this.nodeName !== '' && this.nodeName !== name) || !this.affinity.match(node)) {
      return { shouldRun: false, shouldContinueRunning: false };
    }
    const taints = node.spec?.taints ?? [];
    if (!findMatchingUntoleratedTaint(taints, this.tolerations, noSchedulingTaints)) {
      return { shouldRun: true, shouldContinueRunning: true };
    }
    // Pods already there keep running as long as they tolerate the NoExecute taints.
    const untoleratedNoExecute = findMatchingUntoleratedTaint(taints, this.tolerations, noExecuteTaints);
    return { shouldRun: false, shouldContinueRunning: untoleratedNoExecute === undefined };
  }
}
