// Fields nobody owns (apimachinery's stripmeta.go): apiVersion, kind, and the metadata the server sets or that
// names the object. They are taken out of the writing manager's set after every operation.

import type { FieldSet } from './field-set.ts';
import { difference, fieldSetOf, isEmpty } from './field-set.ts';
import type { VersionedSet } from './managers.ts';
import { fieldElement } from './path-element.ts';

const STRIPPED: FieldSet = fieldSetOf(
  [
    ['apiVersion'],
    ['kind'],
    ['metadata'],
    ['metadata', 'name'],
    ['metadata', 'namespace'],
    ['metadata', 'creationTimestamp'],
    ['metadata', 'selfLink'],
    ['metadata', 'uid'],
    ['metadata', 'clusterName'],
    ['metadata', 'generation'],
    ['metadata', 'managedFields'],
    ['metadata', 'resourceVersion'],
  ].map((path) => path.map(fieldElement)),
);

/** Strips those fields from `manager`'s set in place, dropping the manager when nothing is left. */
export function stripMetaFields(managers: Map<string, VersionedSet>, manager: string): void {
  const versioned = managers.get(manager);
  if (!versioned) return;
  const set = difference(versioned.set, STRIPPED);
  if (isEmpty(set)) managers.delete(manager);
  else managers.set(manager, { ...versioned, set });
}
