// The kubelet's own admission of a pod bound to it (the scheduler's checks, done again on the node): the pods that
// already run plus this one must fit the node's allocatable CPU, memory and pod count, or the pod is rejected —
// phase Failed, reason OutOfcpu / OutOfmemory / OutOfpods, "Node didn't have enough resource: …".

import { Quantity } from '../../api/quantity.ts';
import type { Container, PodSpec } from './pod-types.ts';

export interface NodeAllocatable {
  cpuMillis: number;
  memoryBytes: number;
  pods: number;
}

export interface PodRequests {
  cpuMillis: number;
  memoryBytes: number;
}

function requestOf(container: Container, resource: 'cpu' | 'memory'): number {
  const raw = container.resources?.requests?.[resource] ?? container.resources?.limits?.[resource];
  if (!raw) return 0;
  const q = Quantity.parse(raw);
  return resource === 'cpu' ? q.milliValue() : q.value();
}

/** The pod's effective requests: the sum of its containers and sidecars, or its largest init container. */
export function podRequests(spec: PodSpec): PodRequests {
  const result: PodRequests = { cpuMillis: 0, memoryBytes: 0 };
  for (const resource of ['cpu', 'memory'] as const) {
    let sum = 0;
    let sidecars = 0;
    let initMax = 0;
    for (const c of spec.containers) sum += requestOf(c, resource);
    for (const c of spec.initContainers ?? []) {
      const r = requestOf(c, resource);
      if (c.restartPolicy === 'Always') {
        sidecars += r;
        initMax = Math.max(initMax, sidecars);
      } else initMax = Math.max(initMax, sidecars + r);
    }
    const value = Math.max(sum + sidecars, initMax);
    if (resource === 'cpu') result.cpuMillis = value;
    else result.memoryBytes = value;
  }
  return result;
}

export type AdmitResult = { admit: true } | { admit: false; reason: string; message: string };

export function admitPod(spec: PodSpec, running: readonly PodSpec[], allocatable: NodeAllocatable): AdmitResult {
  if (running.length + 1 > allocatable.pods) {
    return {
      admit: false,
      reason: 'OutOfpods',
      message: `Node didn't have enough resource: pods, requested: 1, used: ${running.length}, capacity: ${allocatable.pods}`,
    };
  }
  const wanted = podRequests(spec);
  const used = running
    .map(podRequests)
    .reduce((a, b) => ({ cpuMillis: a.cpuMillis + b.cpuMillis, memoryBytes: a.memoryBytes + b.memoryBytes }), {
      cpuMillis: 0,
      memoryBytes: 0,
    });
  const checks = [
    ['cpu', wanted.cpuMillis, used.cpuMillis, allocatable.cpuMillis],
    ['memory', wanted.memoryBytes, used.memoryBytes, allocatable.memoryBytes],
  ] as const;
  for (const [name, requested, inUse, capacity] of checks) {
    if (requested > 0 && requested + inUse > capacity) {
      return {
        admit: false,
        reason: `OutOf${name}`,
        message: `Node didn't have enough resource: ${name}, requested: ${requested}, used: ${inUse}, capacity: ${capacity}`,
      };
    }
  }
  return { admit: true };
}
