// The fields of core/v1 (and a few apps/v1, policy/v1) objects the scheduler reads, as typed views of the JSON the
// informers hold. Objects in an informer's cache passed the API server's validation, so these shapes hold; optional
// fields are optional here too. Field names are Kubernetes' own.

import type { KubeObject, OwnerReference } from '../../api/object.ts';
import type { MetaLabelSelector } from '../../apiserver/selectors/label-selector.ts';

export type ResourceList = Readonly<Record<string, string | number>>;

export interface ResourceRequirements {
  requests?: ResourceList;
  limits?: ResourceList;
}

export interface ContainerPort {
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
  name?: string;
}

export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[];
  resources?: ResourceRequirements;
  restartPolicy?: string;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[] | null;
  matchFields?: NodeSelectorRequirement[] | null;
}

export interface NodeSelector {
  nodeSelectorTerms: NodeSelectorTerm[];
}

export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector | null;
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[] | null;
}

export interface PodAffinityTerm {
  labelSelector?: MetaLabelSelector | null;
  namespaces?: string[] | null;
  topologyKey: string;
  namespaceSelector?: MetaLabelSelector | null;
}

export interface WeightedPodAffinityTerm {
  weight: number;
  podAffinityTerm: PodAffinityTerm;
}

export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] | null;
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[] | null;
}

export interface Affinity {
  nodeAffinity?: NodeAffinity | null;
  podAffinity?: PodAffinity | null;
  podAntiAffinity?: PodAffinity | null;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  labelSelector?: MetaLabelSelector | null;
  minDomains?: number | null;
  nodeAffinityPolicy?: string | null;
  nodeTaintsPolicy?: string | null;
  matchLabelKeys?: string[] | null;
}

export interface PodSpec {
  nodeName?: string;
  schedulerName?: string;
  priority?: number;
  priorityClassName?: string;
  preemptionPolicy?: string;
  nodeSelector?: Record<string, string> | null;
  affinity?: Affinity | null;
  tolerations?: Toleration[] | null;
  topologySpreadConstraints?: TopologySpreadConstraint[] | null;
  schedulingGates?: { name: string }[] | null;
  containers: Container[];
  initContainers?: Container[] | null;
  overhead?: ResourceList | null;
  terminationGracePeriodSeconds?: number;
}

export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string | null;
}

export interface PodStatus {
  phase?: string;
  conditions?: PodCondition[];
  nominatedNodeName?: string;
  startTime?: string;
}

export interface Pod extends KubeObject {
  spec: PodSpec;
  status?: PodStatus;
}

export interface ContainerImage {
  names?: string[] | null;
  sizeBytes?: number;
}

export interface NodeSpec {
  unschedulable?: boolean;
  taints?: Taint[] | null;
}

export interface NodeCondition {
  type: string;
  status: string;
}

export interface NodeStatus {
  allocatable?: ResourceList;
  capacity?: ResourceList;
  conditions?: NodeCondition[];
  images?: ContainerImage[] | null;
}

export interface Node extends KubeObject {
  spec?: NodeSpec;
  status?: NodeStatus;
}

/** A PodDisruptionBudget as preemption reads it. */
export interface PodDisruptionBudget extends KubeObject {
  spec?: { selector?: MetaLabelSelector | null };
  status?: { disruptionsAllowed?: number; disruptedPods?: Record<string, string> | null };
}

/** The controller of an object: its owner reference with controller: true (metav1.GetControllerOf). */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/** The name of a namespaced object as logs and messages print it: namespace/name. */
export function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}
