// A preemption candidate (preemption.Candidate): a node and the pods that would have to go for the preemptor to
// fit there, and how many of them a PodDisruptionBudget protects.

import type { Pod } from '../api-types.ts';

export interface Victims {
  /** Ordered from the most to the least important. */
  pods: Pod[];
  numPDBViolations: number;
}

export interface Candidate {
  name: string;
  victims: Victims;
}
