// The shape of a DaemonSet as the DaemonSet controller reads and writes it.

import type { KubeObject } from '../../api/object.ts';
import type { MetaLabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { IntOrString, PodTemplateSpec } from '../common/workload-types.ts';

export interface DaemonSetStatus {
  currentNumberScheduled?: number;
  numberMisscheduled?: number;
  desiredNumberScheduled?: number;
  numberReady?: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
}

export interface DaemonSet extends KubeObject {
  spec?: {
    selector?: MetaLabelSelector | null;
    template?: PodTemplateSpec;
    updateStrategy?: {
      type?: 'RollingUpdate' | 'OnDelete';
      rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString };
    };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: DaemonSetStatus;
}
