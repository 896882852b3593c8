// The shape of a PodDisruptionBudget (policy/v1) as the disruption controller reads and writes it.

import type { KubeObject } from '../../api/object.ts';
import type { MetaLabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { IntOrString } from '../common/workload-types.ts';

/** metav1.Condition */
export interface Condition {
  type: string;
  status: string;
  observedGeneration?: number;
  lastTransitionTime?: string | null;
  reason: string;
  message: string;
}

export interface PodDisruptionBudgetStatus {
  observedGeneration?: number;
  /** Pod name → when the eviction API let it be deleted (RFC 3339). */
  disruptedPods?: Record<string, string> | null;
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  expectedPods?: number;
  conditions?: Condition[];
}

export interface PodDisruptionBudget extends KubeObject {
  spec?: {
    minAvailable?: IntOrString;
    maxUnavailable?: IntOrString;
    selector?: MetaLabelSelector | null;
  };
  status?: PodDisruptionBudgetStatus;
}
