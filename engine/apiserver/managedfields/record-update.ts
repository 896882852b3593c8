// One non-apply write recorded in the managed fields (apimachinery's managedFieldsUpdater over stripMeta over the
// structured Update): the fields it changed move to its manager, whose entry gets the write's time — only when the
// write changed something — and who keeps what it owned before.

import { union } from './field-set.ts';
import type { Managed } from './managers.ts';
import { stripMetaFields } from './strip-meta.ts';
import type { UpdaterContext } from './updater.ts';
import { update } from './updater.ts';

/** Not a JSON identifier, so it never collides with a real manager. */
const CURRENT_OPERATION = 'current-operation';

/** Records, in place on `managed`, that `manager` (an identifier) turned `live` into `next` at `time`. */
export function recordUpdate(
  live: unknown,
  next: unknown,
  managed: Managed,
  manager: string,
  apiVersion: string,
  time: string,
  ctx: UpdaterContext,
): void {
  update(live, next, apiVersion, managed.fields, CURRENT_OPERATION, ctx);
  stripMetaFields(managed.fields, CURRENT_OPERATION);
  const current = managed.fields.get(CURRENT_OPERATION);
  if (!current) return;
  managed.fields.delete(CURRENT_OPERATION);
  const previous = managed.fields.get(manager);
  managed.fields.set(manager, previous ? { ...current, set: union(current.set, previous.set) } : current);
  managed.times.set(manager, time);
}
