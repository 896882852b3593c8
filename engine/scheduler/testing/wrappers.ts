// Builders of Pods and Nodes for scheduler tests (pkg/scheduler/testing/wrappers.go): `makePod().name('p').req({cpu:
// '1'}).obj()` reads as the object it builds, so table-driven cases stay one line each.

import type {
  Affinity,
  ContainerPort,
  Node,
  NodeSelectorRequirement,
  Pod,
  PodAffinityTerm,
  ResourceList,
  Taint,
  Toleration,
  TopologySpreadConstraint,
} from '../framework/api-types.ts';

export class PodWrapper {
  private readonly pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod', namespace: 'default', uid: 'pod' },
    spec: { schedulerName: 'default-scheduler', containers: [] },
    status: {},
  };

  /** Sets the name, and the UID to the name unless one was set. */
  name(name: string): this {
    const uidWasName = this.pod.metadata.uid === this.pod.metadata.name;
    this.pod.metadata.name = name;
    if (uidWasName) this.pod.metadata.uid = name;
    return this;
  }

  uid(uid: string): this {
    this.pod.metadata.uid = uid;
    return this;
  }

  namespace(namespace: string): this {
    this.pod.metadata.namespace = namespace;
    return this;
  }

  labels(labels: Record<string, string>): this {
    this.pod.metadata.labels = { ...this.pod.metadata.labels, ...labels };
    return this;
  }

  node(nodeName: string): this {
    this.pod.spec.nodeName = nodeName;
    return this;
  }

  priority(priority: number): this {
    this.pod.spec.priority = priority;
    return this;
  }

  /** The API server's priority admission turns the class into spec.priority. */
  priorityClassName(name: string): this {
    this.pod.spec.priorityClassName = name;
    return this;
  }

  preemptionPolicy(policy: string): this {
    this.pod.spec.preemptionPolicy = policy;
    return this;
  }

  /** Adds a container requesting `requests`. */
  req(requests: ResourceList, image = 'busybox'): this {
    this.pod.spec.containers.push({
      name: `c${this.pod.spec.containers.length}`,
      image,
      resources: { requests },
    });
    return this;
  }

  /** Adds a container using host ports. */
  hostPorts(...ports: ContainerPort[]): this {
    this.pod.spec.containers.push({ name: `c${this.pod.spec.containers.length}`, image: 'busybox', ports });
    return this;
  }

  nodeSelector(selector: Record<string, string>): this {
    this.pod.spec.nodeSelector = selector;
    return this;
  }

  /** Requires a node matching all the requirements (one node selector term). */
  nodeAffinityIn(...matchExpressions: NodeSelectorRequirement[]): this {
    this.affinity().nodeAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] },
    };
    return this;
  }

  preferredNodeAffinity(weight: number, ...matchExpressions: NodeSelectorRequirement[]): this {
    const affinity = (this.affinity().nodeAffinity ??= {});
    (affinity.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({
      weight,
      preference: { matchExpressions },
    });
    return this;
  }

  podAffinity(term: PodAffinityTerm): this {
    const affinity = (this.affinity().podAffinity ??= {});
    (affinity.requiredDuringSchedulingIgnoredDuringExecution ??= []).push(term);
    return this;
  }

  podAntiAffinity(term: PodAffinityTerm): this {
    const affinity = (this.affinity().podAntiAffinity ??= {});
    (affinity.requiredDuringSchedulingIgnoredDuringExecution ??= []).push(term);
    return this;
  }

  preferredPodAffinity(weight: number, term: PodAffinityTerm): this {
    const affinity = (this.affinity().podAffinity ??= {});
    (affinity.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, podAffinityTerm: term });
    return this;
  }

  tolerations(...tolerations: Toleration[]): this {
    this.pod.spec.tolerations = [...(this.pod.spec.tolerations ?? []), ...tolerations];
    return this;
  }

  spreadConstraint(constraint: TopologySpreadConstraint): this {
    this.pod.spec.topologySpreadConstraints = [...(this.pod.spec.topologySpreadConstraints ?? []), constraint];
    return this;
  }

  schedulingGates(...names: string[]): this {
    this.pod.spec.schedulingGates = names.map((name) => ({ name }));
    return this;
  }

  nominatedNodeName(nodeName: string): this {
    (this.pod.status ??= {}).nominatedNodeName = nodeName;
    return this;
  }

  terminating(): this {
    this.pod.metadata.deletionTimestamp = '2024-05-01T00:00:00Z';
    return this;
  }

  startTime(time: string): this {
    (this.pod.status ??= {}).startTime = time;
    return this;
  }

  obj(): Pod {
    return structuredClone(this.pod);
  }

  private affinity(): Affinity {
    return (this.pod.spec.affinity ??= {});
  }
}

export class NodeWrapper {
  private readonly node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node', uid: 'node', labels: {} },
    spec: {},
    status: {
      allocatable: { pods: '110' },
      capacity: { pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };

  /** Sets the name and the kubernetes.io/hostname label. */
  name(name: string): this {
    this.node.metadata.name = name;
    this.node.metadata.uid = name;
    this.node.metadata.labels = { ...this.node.metadata.labels, 'kubernetes.io/hostname': name };
    return this;
  }

  labels(labels: Record<string, string>): this {
    this.node.metadata.labels = { ...this.node.metadata.labels, ...labels };
    return this;
  }

  /** Sets allocatable and capacity (pods: 110 unless given). */
  capacity(resources: ResourceList): this {
    const list = { pods: '110', ...resources };
    this.node.status = { ...this.node.status, allocatable: list, capacity: list };
    return this;
  }

  taints(...taints: Taint[]): this {
    this.node.spec = { ...this.node.spec, taints };
    return this;
  }

  unschedulable(): this {
    this.node.spec = { ...this.node.spec, unschedulable: true };
    return this;
  }

  images(images: Record<string, number>): this {
    this.node.status = {
      ...this.node.status,
      images: Object.entries(images).map(([name, sizeBytes]) => ({ names: [name], sizeBytes })),
    };
    return this;
  }

  obj(): Node {
    return structuredClone(this.node);
  }
}

export const makePod = (): PodWrapper => new PodWrapper();
export const makeNode = (): NodeWrapper => new NodeWrapper();
