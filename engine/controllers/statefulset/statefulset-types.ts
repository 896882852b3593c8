// The shapes of StatefulSets and of the PersistentVolumeClaims made from their claim templates, as the StatefulSet
// controller reads and writes them. Field names are Kubernetes' own; fields are optional because objects come from
// JSON.

import type { KubeObject, ObjectMeta } from '../../api/object.ts';
import type { MetaLabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { IntOrString, PodTemplateSpec } from '../common/workload-types.ts';

export type RetentionPolicyType = 'Retain' | 'Delete';

export interface PersistentVolumeClaimRetentionPolicy {
  whenDeleted?: RetentionPolicyType;
  whenScaled?: RetentionPolicyType;
}

export interface PersistentVolumeClaim extends KubeObject {
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export interface StatefulSetUpdateStrategy {
  type?: 'RollingUpdate' | 'OnDelete';
  rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString };
}

export interface StatefulSetSpec {
  replicas?: number;
  selector?: MetaLabelSelector | null;
  template?: PodTemplateSpec;
  volumeClaimTemplates?: { metadata?: ObjectMeta; spec?: Record<string, unknown>; status?: unknown }[];
  serviceName?: string;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  updateStrategy?: StatefulSetUpdateStrategy;
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: PersistentVolumeClaimRetentionPolicy;
  ordinals?: { start?: number };
}

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas?: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  availableReplicas?: number;
  conditions?: unknown[];
}

export interface StatefulSet extends KubeObject {
  spec?: StatefulSetSpec;
  status?: StatefulSetStatus;
}
