// At most ten Update managers are kept (apimachinery's capmanagers.go): beyond that, the oldest updaters are merged,
// per API version, into an "ancient-changes" entry that takes the time of the most recent one merged into it.

import { union } from './field-set.ts';
import type { Managed } from './managers.ts';
import { managerIdentifier, unixSeconds } from './managers.ts';
import { compareStrings } from './path-element.ts';

export const MAX_UPDATE_MANAGERS = 10;

const ANCIENT_CHANGES = 'ancient-changes';

/** Merges the oldest Update managers in place until at most `max` remain. */
export function capUpdateManagers(managed: Managed, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...managed.fields].filter(([, versioned]) => !versioned.applied).map(([id]) => id);
  if (updaters.length <= max) return;
  updaters.sort(
    (a, b) => Math.sign(unixSeconds(managed.times.get(a)) - unixSeconds(managed.times.get(b))) || compareStrings(a, b),
  );
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const manager = updaters[i]!;
    const versioned = managed.fields.get(manager)!;
    const time = managed.times.get(manager);
    const version = versioned.apiVersion;
    const bucket = managerIdentifier({ manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: version });
    const first = firstOfVersion.get(version);
    if (first === undefined) {
      firstOfVersion.set(version, manager);
      continue;
    }
    if (!managed.fields.has(bucket)) {
      managed.fields.set(bucket, managed.fields.get(first)!);
      managed.fields.delete(first);
    }
    const merged = union(versioned.set, managed.fields.get(bucket)!.set);
    managed.fields.set(bucket, { set: merged, apiVersion: version, applied: versioned.applied });
    managed.fields.delete(manager);
    length--;
    if (time === undefined) managed.times.delete(bucket);
    else managed.times.set(bucket, time);
  }
}
