// How an update describes the object it wants (k8s rest.UpdatedObjectInfo): a PUT brings the whole object, a patch
// computes it from the current one (and is recomputed if the current one changes under it), server-side apply also
// brings its own managedFields.

import { deepCopy } from '../../../api/object.ts';
import type { KubeObject } from '../../../api/object.ts';

export interface UpdatedObject {
  object: KubeObject;
  /** True when managedFields were already computed (server-side apply), so the store leaves them alone. */
  managedFieldsDone?: boolean;
}

/** Computes the desired object from the current one (undefined when it does not exist yet). */
export type UpdatedObjectInfo = (current: KubeObject | undefined) => UpdatedObject | Promise<UpdatedObject>;

/** A PUT: the desired object is the request body, whatever is stored. */
export function wholeObject(object: KubeObject): UpdatedObjectInfo {
  return () => ({ object: deepCopy(object) });
}
