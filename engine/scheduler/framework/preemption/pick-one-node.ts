// pickOneNodeForPreemption (framework/preemption): among the candidates, the node where preemption hurts least —
// fewest PDB violations, then the lowest highest-priority victim, the smallest sum of priorities, the fewest
// victims, the latest start of the highest-priority victims; the first candidate when all are equal.

import { podPriority } from '../pod-info.ts';
import type { Candidate } from './candidate.ts';
import { earliestPodStartTime } from './pod-importance.ts';

const MAX_INT32 = 2 ** 31 - 1;

export function pickOneNodeForPreemption(candidates: readonly Candidate[], now: number): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  const scoreFuncs: ((c: Candidate) => number)[] = [
    (c) => -c.victims.numPDBViolations,
    (c) => -podPriority(c.victims.pods[0]!),
    (c) => -c.victims.pods.reduce((sum, p) => sum + podPriority(p) + MAX_INT32 + 1, 0),
    (c) => -c.victims.pods.length,
    (c) => earliestPodStartTime(c.victims.pods, now) ?? Number.MIN_SAFE_INTEGER,
  ];
  let all = candidates.slice();
  for (const f of scoreFuncs) {
    let maxScore = -Infinity;
    let selected: Candidate[] = [];
    for (const c of all) {
      const score = f(c);
      if (score > maxScore) {
        maxScore = score;
        selected = [];
      }
      if (score === maxScore) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    all = selected;
  }
  return all[0];
}
