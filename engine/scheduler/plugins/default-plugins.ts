// The default profile (apis/config/v1/default_plugins.go): "default-scheduler" with upstream's plugins in upstream's
// order (which is the order Filter runs them, so the first rejecting plugin is upstream's too) and score weights.
// The volume plugins (VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone) are not part of this lab.

import type { Profile } from '../framework/runtime/registry.ts';
import * as names from './names.ts';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export const DEFAULT_PROFILE: Profile = {
  schedulerName: DEFAULT_SCHEDULER_NAME,
  plugins: [
    { name: names.SchedulingGates },
    { name: names.PrioritySort },
    { name: names.NodeUnschedulable },
    { name: names.NodeName },
    { name: names.TaintToleration, weight: 3 },
    { name: names.NodeAffinity, weight: 2 },
    { name: names.NodePorts },
    { name: names.NodeResourcesFit, weight: 1 },
    { name: names.PodTopologySpread, weight: 2 },
    { name: names.InterPodAffinity, weight: 2 },
    { name: names.DefaultPreemption },
    { name: names.NodeResourcesBalancedAllocation, weight: 1 },
    { name: names.ImageLocality, weight: 1 },
    { name: names.DefaultBinder },
  ],
};
