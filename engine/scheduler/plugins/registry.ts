// The in-tree plugins (plugins/registry.go): every plugin this scheduler knows, by name.

import type { PluginFactory } from '../framework/interface.ts';
import type { Registry } from '../framework/runtime/registry.ts';
import { newDefaultBinder } from './defaultbinder/default-binder.ts';
import { newDefaultPreemption } from './defaultpreemption/default-preemption.ts';
import { newImageLocality } from './imagelocality/image-locality.ts';
import { newInterPodAffinity } from './interpodaffinity/inter-pod-affinity.ts';
import * as names from './names.ts';
import { newNodeAffinity } from './nodeaffinity/node-affinity.ts';
import { newNodeName } from './nodename/node-name.ts';
import { newNodePorts } from './nodeports/node-ports.ts';
import { newBalancedAllocation } from './noderesources/balanced-allocation.ts';
import { newFit } from './noderesources/fit.ts';
import { newNodeUnschedulable } from './nodeunschedulable/node-unschedulable.ts';
import { newPodTopologySpread } from './podtopologyspread/pod-topology-spread.ts';
import { newPrioritySort } from './queuesort/priority-sort.ts';
import { newSchedulingGates } from './schedulinggates/scheduling-gates.ts';
import { newTaintToleration } from './tainttoleration/taint-toleration.ts';

export function newInTreeRegistry(): Registry {
  return new Map<string, PluginFactory>([
    [names.SchedulingGates, newSchedulingGates],
    [names.PrioritySort, newPrioritySort],
    [names.NodeUnschedulable, newNodeUnschedulable],
    [names.NodeName, newNodeName],
    [names.TaintToleration, newTaintToleration],
    [names.NodeAffinity, newNodeAffinity],
    [names.NodePorts, newNodePorts],
    [names.NodeResourcesFit, newFit],
    [names.PodTopologySpread, newPodTopologySpread],
    [names.InterPodAffinity, newInterPodAffinity],
    [names.DefaultPreemption, newDefaultPreemption],
    [names.NodeResourcesBalancedAllocation, newBalancedAllocation],
    [names.ImageLocality, newImageLocality],
    [names.DefaultBinder, newDefaultBinder],
  ]);
}
