// Zones and their health (node lifecycle controller): nodes are grouped by region and zone labels; a zone with no
// ready node is fully disrupted, one with more than two and at least 55% not-ready nodes partially disrupted, else
// normal — and the state sets how fast its nodes get NoExecute taints.

import type { KubeObject } from '../../api/object.ts';
import type { NodeCondition } from './node-types.ts';

export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** Nodes labelled so are left out of zone health (labelNodeDisruptionExclusion). */
export const LABEL_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

/** GetZoneKey: "region:\0:zone" from the topology labels (or their beta forms); "" for a node without them. */
export function zoneKey(node: KubeObject): string {
  const labels = node.metadata.labels ?? {};
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

/** ComputeZoneState: the number of not-ready nodes and the zone's state, from its nodes' Ready conditions. */
export function computeZoneState(
  readyConditions: readonly (NodeCondition | undefined)[],
  unhealthyZoneThreshold: number,
): [number, ZoneState] {
  let ready = 0;
  let notReady = 0;
  for (const condition of readyConditions) {
    if (condition?.status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return [notReady, 'FullDisruption'];
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyZoneThreshold) return [notReady, 'PartialDisruption'];
  return [notReady, 'Normal'];
}
