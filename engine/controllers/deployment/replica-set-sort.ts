// The orders the Deployment controller sorts ReplicaSets in (controller_utils.go and deployment_util.go): by creation
// time (name breaking ties), by size with older or newer first among equals, and by revision.

import type { ReplicaSet } from '../common/workload-types.ts';
import { timeOf } from '../common/pod-util.ts';
import { revisionOf } from './annotations.ts';

type Compare = (a: ReplicaSet, b: ReplicaSet) => number;

/** ReplicaSetsByCreationTimestamp: older first; the name breaks ties. */
export const byCreationTimestamp: Compare = (a, b) => {
  const ta = timeOf(a.metadata.creationTimestamp);
  const tb = timeOf(b.metadata.creationTimestamp);
  if (ta !== tb) return ta - tb;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
};

const replicasOf = (rs: ReplicaSet) => rs.spec?.replicas ?? 0;

/** ReplicaSetsBySizeOlder: larger first; among equals the older first. */
export const bySizeOlder: Compare = (a, b) =>
  replicasOf(a) === replicasOf(b) ? byCreationTimestamp(a, b) : replicasOf(b) - replicasOf(a);

/** ReplicaSetsBySizeNewer: larger first; among equals the newer first. */
export const bySizeNewer: Compare = (a, b) =>
  replicasOf(a) === replicasOf(b) ? byCreationTimestamp(b, a) : replicasOf(b) - replicasOf(a);

/** ReplicaSetsByRevision: lower revision first; by creation time when revisions are equal or unreadable. */
export const byRevision: Compare = (a, b) => {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreationTimestamp(a, b);
  return ra < rb ? -1 : 1;
};
