// A StatefulSet's revisions (stateful_set_utils.go getPatch, newRevision, ApplyRevision): each ControllerRevision
// holds the set's pod template as a strategic merge patch that replaces the template, carries the set's annotations,
// and is named `<set>-<hash>`; applying one gives the set as it was at that revision.

import { deepCopy } from '../../api/object.ts';
import type { ControllerRevision } from '../common/controller-history.ts';
import { newControllerRevision } from '../common/controller-history.ts';
import { STATEFULSET_API_VERSION, STATEFULSET_KIND } from './stateful-set-utils.ts';
import type { StatefulSet } from './statefulset-types.ts';

export const STATEFULSET_PARENT_KIND = { apiVersion: STATEFULSET_API_VERSION, kind: STATEFULSET_KIND };

interface RevisionData {
  spec: { template: Record<string, unknown> };
}

/** getPatch: the set's template, to be restored by replacing the template wholesale. */
export function statefulSetPatch(set: StatefulSet): RevisionData {
  return { spec: { template: { ...deepCopy(set.spec?.template ?? {}), $patch: 'replace' } } };
}

/** newRevision: the revision of the set's current template, numbered `revision`. */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const cr = newControllerRevision(
    set,
    STATEFULSET_PARENT_KIND,
    set.spec?.template?.metadata?.labels,
    statefulSetPatch(set),
    revision,
    collisionCount,
  );
  cr.metadata.annotations = { ...set.metadata.annotations };
  return cr;
}

/** ApplyRevision: a copy of the set with the revision's template in place of its own. */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const clone = deepCopy(set);
  const data = revision.data as Partial<RevisionData> | undefined;
  const template = data?.spec?.template;
  if (template) {
    const restored = deepCopy(template);
    delete restored['$patch'];
    clone.spec = { ...clone.spec, template: restored };
  }
  return clone;
}
