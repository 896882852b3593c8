// The Node a kubelet registers and the status it reports (initialNode and the nodestatus setters): the well-known
// labels, the register-with taints, capacity and allocatable, addresses, node info, the kubelet endpoint, images, and
// the MemoryPressure, DiskPressure, PIDPressure and Ready conditions with their reasons.

import { createHash } from 'node:crypto';
import { rfc3339 } from '../../api/json.ts';
import type { KubeObject } from '../../api/object.ts';
import { Quantity } from '../../api/quantity.ts';

export const KUBELET_VERSION = 'v1.32.4';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';
export const KUBELET_PORT = 10250;

export interface NodeCapacity {
  /** Cores, as a quantity ("2", "3500m"). */
  cpu: string;
  /** "8Gi", "16365800Ki" */
  memory: string;
  pods: number;
  'ephemeral-storage': string;
}

/** Resources set aside for the system (KubeletConfiguration systemReserved + kubeReserved). */
export interface NodeReservations {
  cpu?: string;
  memory?: string;
  'ephemeral-storage'?: string;
}

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeIdentity {
  name: string;
  ip: string;
  labels: Record<string, string>;
  taints: Taint[];
  capacity: NodeCapacity;
  reserved: NodeReservations;
  osImage: string;
  kernelVersion: string;
  /** Changes at every start of the node (a reboot). */
  bootID: string;
}

export interface NodeCondition {
  type: string;
  status: string;
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** Kubelet's default hard eviction thresholds, which allocatable leaves room for. */
const EVICTION_MEMORY_AVAILABLE = '100Mi';
const EVICTION_NODEFS_AVAILABLE = 0.1;

function hexOf(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function uuidOf(text: string): string {
  const h = hexOf(text);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A boot ID for the node's n-th start. */
export function bootIdOf(name: string, boot: number): string {
  return uuidOf(`${name}/boot/${boot}`);
}

export function wellKnownLabels(name: string): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
}

function quantities(capacity: NodeCapacity): Record<string, string> {
  return {
    cpu: Quantity.parse(capacity.cpu).toString(),
    'ephemeral-storage': Quantity.parse(capacity['ephemeral-storage']).toString(),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: Quantity.parse(capacity.memory).toString(),
    pods: String(capacity.pods),
  };
}

/** Capacity minus reservations and the hard eviction thresholds (memory.available 100Mi, nodefs.available 10%). */
export function allocatableOf(capacity: NodeCapacity, reserved: NodeReservations): Record<string, string> {
  const sub = (total: string, ...minus: (string | undefined)[]) => {
    let q = Quantity.parse(total);
    for (const m of minus) if (m) q = q.sub(Quantity.parse(m));
    return q;
  };
  const storage = Quantity.parse(capacity['ephemeral-storage']).value();
  const storageThreshold = Math.floor(storage * EVICTION_NODEFS_AVAILABLE);
  return {
    cpu: sub(capacity.cpu, reserved.cpu).toString(),
    'ephemeral-storage': sub(
      capacity['ephemeral-storage'],
      String(storageThreshold),
      reserved['ephemeral-storage'],
    ).toString(),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: sub(capacity.memory, EVICTION_MEMORY_AVAILABLE, reserved.memory).toString(),
    pods: String(capacity.pods),
  };
}

function condition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
  previous: readonly NodeCondition[],
): NodeCondition {
  const old = previous.find((c) => c.type === type);
  const lastTransitionTime = old && old.status === status ? old.lastTransitionTime : now;
  return { type, status, lastHeartbeatTime: now, lastTransitionTime, reason, message };
}

export interface NodeStatusInput {
  identity: NodeIdentity;
  images: { names: string[]; sizeBytes: number }[];
  /** The conditions the API has now (their transition times carry over). */
  previousConditions: readonly NodeCondition[];
  now: number;
}

export function nodeConditions(previous: readonly NodeCondition[], now: string): NodeCondition[] {
  return [
    condition(
      'MemoryPressure',
      'False',
      'KubeletHasSufficientMemory',
      'kubelet has sufficient memory available',
      now,
      previous,
    ),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', now, previous),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', now, previous),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', now, previous),
  ];
}

export function nodeStatus(input: NodeStatusInput): Record<string, unknown> {
  const { identity } = input;
  const now = rfc3339(input.now);
  return {
    addresses: [
      { type: 'InternalIP', address: identity.ip },
      { type: 'Hostname', address: identity.name },
    ],
    allocatable: allocatableOf(identity.capacity, identity.reserved),
    capacity: quantities(identity.capacity),
    conditions: nodeConditions(input.previousConditions, now),
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    images: input.images,
    nodeInfo: {
      architecture: 'amd64',
      bootID: identity.bootID,
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kernelVersion: identity.kernelVersion,
      kubeProxyVersion: '',
      kubeletVersion: KUBELET_VERSION,
      machineID: hexOf(`${identity.name}/machine-id`),
      operatingSystem: 'linux',
      osImage: identity.osImage,
      systemUUID: uuidOf(`${identity.name}/system-uuid`),
    },
  };
}

/** The Node object a kubelet creates when it registers. */
export function initialNode(input: NodeStatusInput): KubeObject {
  const { identity } = input;
  const spec: Record<string, unknown> = {};
  if (identity.taints.length) spec['taints'] = identity.taints.map((t) => ({ ...t }));
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: identity.name,
      labels: { ...wellKnownLabels(identity.name), ...identity.labels },
      annotations: { 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec,
    status: nodeStatus(input),
  };
}
