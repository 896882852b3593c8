// Which container of a pod a log, exec or attach request is for, and which node runs the pod — as
// pkg/registry/core/pod's validateContainer and streamLocation decide: no container named means the only one; a name
// must be one of the pod's containers (init, regular or ephemeral).

import type { KubeObject } from '../../api/object.ts';
import { badRequest } from '../errors/status-error.ts';

interface Named {
  name?: string;
}

function spec(pod: KubeObject): Record<string, unknown> {
  const value = pod['spec'];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function names(list: unknown): string[] {
  return Array.isArray(list) ? (list as Named[]).map((c) => c.name ?? '') : [];
}

export function podContainer(pod: KubeObject, requested: string): string {
  const podName = pod.metadata.name ?? '';
  const s = spec(pod);
  const containers = names(s['containers']);
  // Listed in the order upstream visits them: init containers, containers, ephemeral containers.
  const all = [...names(s['initContainers']), ...containers, ...names(s['ephemeralContainers'])];
  if (requested) {
    if (!all.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${podName}`);
    return requested;
  }
  if (containers.length === 1) return containers[0]!;
  if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${podName}`);
  throw badRequest(`a container name must be specified for pod ${podName}, choose one of: [${all.join(' ')}]`);
}

/** The node the pod is bound to; '' when it is not scheduled yet. */
export function podNodeName(pod: KubeObject): string {
  const nodeName = spec(pod)['nodeName'];
  return typeof nodeName === 'string' ? nodeName : '';
}
