// Compute resources as the scheduler counts them (framework.Resource): milli-CPU, memory, ephemeral storage,
// allowed pods and scalar (extended, hugepages) resources as integers, and a pod's requests as
// pkg/api/v1/resource.PodRequests sums them — containers added, init containers as a maximum (restartable
// "sidecar" init containers added), overhead on top.

import { Quantity } from '../../api/quantity.ts';
import type { Container, Pod, ResourceList } from './api-types.ts';

/** schedutil.DefaultMilliCPURequest: what a container without a cpu request counts as when spreading load. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: 200 MiB. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const parsed = new Map<string, { milli: number; value: number }>();

/** Quantity strings repeat endlessly across pods and nodes; each is parsed once. */
function parseQuantity(q: string | number): { milli: number; value: number } {
  const key = String(q);
  let hit = parsed.get(key);
  if (!hit) {
    let quantity: Quantity;
    try {
      quantity = Quantity.parse(key);
    } catch {
      quantity = Quantity.parse('0');
    }
    hit = { milli: quantity.milliValue(), value: quantity.value() };
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(key, hit);
  }
  return hit;
}

/** The integer the scheduler keeps for a resource: milli-units for cpu, whole units for everything else. */
export function quantityFor(name: string, q: string | number): number {
  const { milli, value } = parseQuantity(q);
  return name === 'cpu' ? milli : value;
}

/** schedutil.IsScalarResourceName: extended (domain-qualified), hugepages and attachable-volume resources. */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  allowedPodNumber = 0;
  scalarResources: Map<string, number> | undefined;

  /** framework.NewResource: a resource list as integers. */
  static fromList(list: ResourceList | null | undefined): Resource {
    const r = new Resource();
    r.addList(list);
    return r;
  }

  /** Adds a resource list (Resource.Add). */
  addList(list: ResourceList | null | undefined): void {
    if (!list) return;
    for (const name in list) {
      const q = list[name];
      if (q !== undefined) this.addNamed(name, quantityFor(name, q));
    }
  }

  addNamed(name: string, amount: number): void {
    switch (name) {
      case 'cpu':
        this.milliCPU += amount;
        return;
      case 'memory':
        this.memory += amount;
        return;
      case 'ephemeral-storage':
        this.ephemeralStorage += amount;
        return;
      case 'pods':
        this.allowedPodNumber += amount;
        return;
      default:
        if (isScalarResourceName(name)) this.setScalar(name, this.scalar(name) + amount);
    }
  }

  /** Adds (sign 1) or removes (sign -1) another resource's amounts. */
  addResource(other: Resource, sign: number): void {
    this.milliCPU += sign * other.milliCPU;
    this.memory += sign * other.memory;
    this.ephemeralStorage += sign * other.ephemeralStorage;
    this.allowedPodNumber += sign * other.allowedPodNumber;
    if (other.scalarResources) {
      for (const [name, amount] of other.scalarResources) this.setScalar(name, this.scalar(name) + sign * amount);
    }
  }

  /** Keeps, per resource, the larger of this and the other (Resource.SetMaxResource). */
  setMax(other: Resource): void {
    this.milliCPU = Math.max(this.milliCPU, other.milliCPU);
    this.memory = Math.max(this.memory, other.memory);
    this.ephemeralStorage = Math.max(this.ephemeralStorage, other.ephemeralStorage);
    this.allowedPodNumber = Math.max(this.allowedPodNumber, other.allowedPodNumber);
    if (other.scalarResources) {
      for (const [name, amount] of other.scalarResources) this.setScalar(name, Math.max(this.scalar(name), amount));
    }
  }

  scalar(name: string): number {
    return this.scalarResources?.get(name) ?? 0;
  }

  setScalar(name: string, amount: number): void {
    (this.scalarResources ??= new Map()).set(name, amount);
  }

  /** The amount of a resource by its API name. */
  get(name: string): number {
    switch (name) {
      case 'cpu':
        return this.milliCPU;
      case 'memory':
        return this.memory;
      case 'ephemeral-storage':
        return this.ephemeralStorage;
      case 'pods':
        return this.allowedPodNumber;
      default:
        return this.scalar(name);
    }
  }

  isZero(): boolean {
    if (this.milliCPU !== 0 || this.memory !== 0 || this.ephemeralStorage !== 0) return false;
    if (this.scalarResources) for (const amount of this.scalarResources.values()) if (amount !== 0) return false;
    return true;
  }

  clone(): Resource {
    const r = new Resource();
    r.copyFrom(this);
    return r;
  }

  /** Makes this a copy of `other` in place (snapshots keep their objects instead of allocating new ones). */
  copyFrom(other: Resource): void {
    this.milliCPU = other.milliCPU;
    this.memory = other.memory;
    this.ephemeralStorage = other.ephemeralStorage;
    this.allowedPodNumber = other.allowedPodNumber;
    this.scalarResources = other.scalarResources ? new Map(other.scalarResources) : undefined;
  }
}

/** A container's requests, with cpu and memory filled in where absent when `nonMissing` (applyNonMissing). */
function containerRequests(container: Container, nonMissing: boolean): Resource {
  const requests = container.resources?.requests;
  const r = Resource.fromList(requests);
  if (nonMissing) {
    if (requests?.['cpu'] === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (requests?.['memory'] === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * resource.PodRequests: the sum of the containers' requests, the maximum of each init container's (plus the
 * restartable init containers started before it), restartable init containers added, and the overhead. With
 * `nonMissing`, containers without a cpu or memory request count the defaults (what NonZeroRequested uses).
 */
export function podRequests(pod: Pod, nonMissing = false): Resource {
  const reqs = new Resource();
  for (const container of pod.spec.containers ?? []) reqs.addResource(containerRequests(container, nonMissing), 1);
  const restartable = new Resource();
  const init = new Resource();
  for (const container of pod.spec.initContainers ?? []) {
    const containerReqs = containerRequests(container, nonMissing);
    if (container.restartPolicy === 'Always') {
      reqs.addResource(containerReqs, 1);
      restartable.addResource(containerReqs, 1);
      init.setMax(restartable);
    } else {
      containerReqs.addResource(restartable, 1);
      init.setMax(containerReqs);
    }
  }
  reqs.setMax(init);
  reqs.addList(pod.spec.overhead);
  return reqs;
}
