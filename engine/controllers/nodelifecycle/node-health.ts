// Lease-based node health (the node lifecycle controller's tryUpdateNodeHealth): a node is heard from when its
// kubelet posts a new Ready heartbeat or renews its Lease in kube-node-lease; when neither happened for the grace
// period (40 s; 60 s for a node that never posted status), its kubelet-owned conditions turn Unknown.

import { rfc3339 } from '../../api/json.ts';
import { deepCopy } from '../../api/object.ts';
import { semanticEqual } from '../endpointslice/semantic-equal.ts';
import type { Lease, Node, NodeCondition } from './node-types.ts';
import { nodeCondition } from './node-types.ts';

/** What the controller remembers of a node between passes (nodeHealthData). */
export interface NodeHealth {
  /** Lab ms when the node was last heard from. */
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  /** The Ready condition when last seen. */
  readyCondition: NodeCondition | undefined;
  /** The renew time of the node's Lease when last seen. */
  leaseRenewTime: string | undefined;
}

export interface GracePeriods {
  /** How long a node may go unheard before it is Unknown (--node-monitor-grace-period). */
  monitorMs: number;
  /** The same for a node that never posted a Ready condition (--node-startup-grace-period). */
  startupMs: number;
}

export interface HealthCheck {
  health: NodeHealth;
  /** The Ready condition as the node carried it. */
  observed: NodeCondition;
  /** The Ready condition as it is now (after this check). */
  current: NodeCondition | undefined;
  /** The node with its conditions set Unknown, when that has to be written. */
  update?: Node;
}

/** The conditions a silent node's kubelet can no longer vouch for (NetworkUnavailable is the network's). */
const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

function parseTime(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Whether renew time `b` is later than `a` (MicroTime strings; ties broken on the microseconds). */
export function renewedAfter(a: string, b: string): boolean {
  const ta = parseTime(a) ?? 0;
  const tb = parseTime(b) ?? 0;
  return ta < tb || (ta === tb && a < b);
}

/** Sets the kubelet's conditions Unknown as of `now`, adding those it never posted. */
export function markConditionsUnknown(node: Node, now: number): void {
  const status = (node.status ??= {});
  const conditions = (status.conditions ??= []);
  for (const type of KUBELET_CONDITIONS) {
    const condition = conditions.find((c) => c.type === type);
    if (!condition) {
      conditions.push({
        type,
        status: 'Unknown',
        lastHeartbeatTime: node.metadata.creationTimestamp ?? null,
        lastTransitionTime: rfc3339(now),
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
      });
    } else if (condition.status !== 'Unknown') {
      condition.status = 'Unknown';
      condition.reason = 'NodeStatusUnknown';
      condition.message = 'Kubelet stopped posting node status.';
      condition.lastTransitionTime = rfc3339(now);
    }
  }
}

/** Checks one node (the cached copy is not changed): its health now, and the write if it has gone silent. */
export function checkNodeHealth(
  cached: Node,
  saved: NodeHealth | undefined,
  lease: Lease | undefined,
  now: number,
  periods: GracePeriods,
): HealthCheck {
  const created = parseTime(cached.metadata.creationTimestamp) ?? now;
  const current = nodeCondition(cached, 'Ready');
  let health: NodeHealth | undefined = saved && { ...saved };
  let observed: NodeCondition;
  let gracePeriod: number;
  if (!current) {
    const creation = cached.metadata.creationTimestamp ?? null;
    observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: creation, lastTransitionTime: creation };
    gracePeriod = periods.startupMs;
    if (health) health.readyCondition = undefined;
    else
      health = {
        probeTimestamp: created,
        readyTransitionTimestamp: created,
        readyCondition: undefined,
        leaseRenewTime: undefined,
      };
  } else {
    observed = { ...current };
    gracePeriod = periods.monitorMs;
  }

  const savedCondition = health?.readyCondition;
  const savedLease = health?.leaseRenewTime;
  const fresh = (transition: number): NodeHealth => ({
    probeTimestamp: now,
    readyTransitionTimestamp: transition,
    readyCondition: current,
    leaseRenewTime: undefined,
  });
  if (!health) health = fresh(now);
  else if (!savedCondition && current) health = fresh(now);
  else if (savedCondition && !current) health = fresh(now);
  else if (savedCondition && current && savedCondition.lastHeartbeatTime !== current.lastHeartbeatTime) {
    const transitioned = savedCondition.lastTransitionTime !== current.lastTransitionTime;
    health = fresh(transitioned ? now : health.readyTransitionTimestamp);
  }

  // A renewed Lease counts as hearing from the node, even if its kubelet never posted status.
  const renewTime = lease?.spec?.renewTime ?? '';
  if (lease && (savedLease === undefined || renewedAfter(savedLease, renewTime))) {
    health.leaseRenewTime = renewTime;
    health.probeTimestamp = now;
  }

  if (now > health.probeTimestamp + gracePeriod) {
    const node = deepCopy(cached);
    markConditionsUnknown(node, now);
    const unknown = nodeCondition(node, 'Ready');
    if (!semanticEqual(unknown, observed)) return { health, observed, current: unknown, update: node };
  }
  return { health, observed, current };
}
