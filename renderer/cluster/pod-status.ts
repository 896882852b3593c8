// What a pod looks like at a glance, as `kubectl get pods` shows it: its status (the phase, or the reason a container
// waits or ended, or Terminating), ready containers and restarts; and the node side: cordon and taints.

import type { KubeObjectJson } from '../../engine/protocol/host-api.ts';

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number; signal?: number } };
}

interface PodShape {
  metadata?: { deletionTimestamp?: string };
  spec?: { nodeName?: string; containers?: unknown[] };
  status?: {
    phase?: string;
    reason?: string;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export interface PodSummary {
  namespace: string;
  name: string;
  phase: string;
  /** kubectl's STATUS column. */
  status: string;
  restarts: number;
  ready: string;
  nodeName: string;
}

function containerReason(statuses: readonly ContainerStatus[]): string | undefined {
  for (const s of statuses) {
    const waiting = s.state?.waiting?.reason;
    if (waiting) return waiting;
    const terminated = s.state?.terminated;
    if (terminated) {
      return (
        terminated.reason ?? (terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`)
      );
    }
  }
  return undefined;
}

function initReason(statuses: readonly ContainerStatus[], total: number): string | undefined {
  for (const [i, s] of statuses.entries()) {
    const terminated = s.state?.terminated;
    if (terminated && terminated.exitCode === 0) continue;
    if (terminated) return `Init:${terminated.reason ?? `ExitCode:${terminated.exitCode}`}`;
    const waiting = s.state?.waiting?.reason;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${total}`;
  }
  return undefined;
}

export function podSummary(object: KubeObjectJson): PodSummary {
  const pod = object as PodShape;
  const statuses = pod.status?.containerStatuses ?? [];
  const inits = pod.status?.initContainerStatuses ?? [];
  const phase = pod.status?.phase ?? 'Pending';
  let status = pod.status?.reason ?? phase;
  const init = initReason(inits, inits.length);
  if (init) status = init;
  else if (phase !== 'Succeeded' && phase !== 'Failed') {
    const reason = containerReason(statuses.filter((s) => !s.ready));
    if (reason && !(reason === 'Completed' && phase === 'Running')) status = reason;
  }
  if (pod.metadata?.deletionTimestamp) status = 'Terminating';
  const total = pod.spec?.containers?.length ?? statuses.length;
  return {
    namespace: object.metadata?.namespace ?? '',
    name: object.metadata?.name ?? '',
    phase,
    status,
    restarts: [...statuses, ...inits].reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    ready: `${statuses.filter((s) => s.ready).length}/${total}`,
    nodeName: pod.spec?.nodeName ?? '',
  };
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface NodeSummary {
  name: string;
  ready: boolean;
  unschedulable: boolean;
  taints: Taint[];
  roles: string[];
  /** Allocatable pods, cpu and memory as the node reports them. */
  allocatable: Record<string, string>;
}

export function nodeSummary(object: KubeObjectJson): NodeSummary {
  const node = object as {
    spec?: { unschedulable?: boolean; taints?: Taint[] };
    status?: { conditions?: { type: string; status: string }[]; allocatable?: Record<string, string> };
  };
  const labels = object.metadata?.labels ?? {};
  const roles = Object.keys(labels)
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length));
  return {
    name: object.metadata?.name ?? '',
    ready: node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    unschedulable: node.spec?.unschedulable === true,
    taints: node.spec?.taints ?? [],
    roles,
    allocatable: node.status?.allocatable ?? {},
  };
}

export function taintText(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}
