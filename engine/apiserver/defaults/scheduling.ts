// Defaults of the scheduling.k8s.io group (pkg/apis/scheduling/v1/defaults.go): PriorityClasses preempt pods of
// lower priority unless told otherwise.

import type { KubeObject } from '../../api/object.ts';

export function setPriorityClassDefaults(pc: KubeObject): void {
  if (typeof pc.preemptionPolicy !== 'string') pc.preemptionPolicy = 'PreemptLowerPriority';
}
