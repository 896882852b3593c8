// The condition bookkeeping of CertificateSigningRequest writes (pkg/registry/certificates/certificates
// strategy.go): conditions without times get now, a condition whose type and status did not change keeps its
// transition time, and a sub-resource keeps the conditions it does not own exactly as they were.

import type { KubeObject } from '../../../api/object.ts';
import { ensureRecord, records, recordOrEmpty, str } from '../../validation/access.ts';

/** Kubernetes' metav1.Time text: RFC 3339 in UTC, whole seconds. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function populateConditionTimestamps(csr: KubeObject, old: KubeObject, now: number): void {
  const oldConditions = records(recordOrEmpty(old.status).conditions);
  for (const condition of records(recordOrEmpty(csr.status).conditions)) {
    if (!condition.lastUpdateTime) condition.lastUpdateTime = rfc3339(now);
    if (!condition.lastTransitionTime) {
      const same = oldConditions.find(
        (c) => c.type === condition.type && c.status === condition.status && c.lastTransitionTime,
      );
      condition.lastTransitionTime = same?.lastTransitionTime ?? rfc3339(now);
    }
  }
}

/** Replaces the conditions of `type` in the new object with the old object's. */
export function preserveConditions(csr: KubeObject, old: KubeObject, type: string): void {
  const status = ensureRecord(csr, 'status');
  const kept = records(status.conditions).filter((c) => str(c.type) !== type);
  const previous = records(recordOrEmpty(old.status).conditions).filter((c) => str(c.type) === type);
  const conditions = [...kept, ...structuredClone(previous)];
  if (conditions.length > 0) status.conditions = conditions;
  else delete status.conditions;
}
