// The shapes of the workload objects the controllers read and write — pods, their templates, ReplicaSets,
// ReplicationControllers and Deployments — as far as the controllers use them. Field names are Kubernetes' own; every
// field is optional because objects come from JSON.

import type { KubeObject, ObjectMeta } from '../../api/object.ts';
import type { MetaLabelSelector } from '../../apiserver/selectors/label-selector.ts';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface PodCondition {
  type: string;
  status: ConditionStatus;
  lastProbeTime?: string | null;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  [field: string]: unknown;
}

export interface PodStatus {
  phase?: string;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  [field: string]: unknown;
}

export interface Container {
  name: string;
  restartPolicy?: string;
  [field: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  containers?: Container[];
  initContainers?: Container[];
  [field: string]: unknown;
}

export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: PodStatus;
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec?: PodSpec;
}

/** A ReplicaSet's (or ReplicationController's) ReplicaFailure condition. */
export interface ReplicaSetCondition {
  type: string;
  status: ConditionStatus;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

export interface ReplicaSet extends KubeObject {
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    /** A metav1.LabelSelector for ReplicaSets; a plain map for ReplicationControllers. */
    selector?: MetaLabelSelector | Record<string, string> | null;
    template?: PodTemplateSpec;
  };
  status?: ReplicaSetStatus;
}

export interface DeploymentCondition {
  type: string;
  status: ConditionStatus;
  lastUpdateTime?: string | null;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

export type IntOrString = number | string;

export interface DeploymentStrategy {
  type?: string;
  rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString };
}

export interface Deployment extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: MetaLabelSelector | null;
    template?: PodTemplateSpec;
    strategy?: DeploymentStrategy;
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    paused?: boolean;
    progressDeadlineSeconds?: number;
  };
  status?: DeploymentStatus;
}
