// Building blocks shared by the built-in resource definitions: sub-resource entries as aggregated discovery lists
// them, and the small strategy steps many kinds repeat (resetting status on create, warning about names that are
// not DNS labels).

import { deepCopy } from '../../api/object.ts';
import type { KubeObject, ObjectMeta } from '../../api/object.ts';
import { isDNS1123Label } from '../validation/names.ts';
import type { StrategyContext, SubresourceDefinition, Verb } from './resource-definition.ts';

export const STATUS_VERBS: Verb[] = ['get', 'patch', 'update'];
export const PROXY_VERBS: Verb[] = ['create', 'delete', 'get', 'patch', 'update'];
/** Every verb but deletecollection (namespaces). */
export const VERBS_WITHOUT_DELETECOLLECTION: Verb[] = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

export function subresource(group: string, version: string, kind: string, verbs: Verb[]): SubresourceDefinition {
  return { responseKind: { group, version, kind }, verbs };
}

/** The status sub-resource of a kind: it answers with the kind itself. */
export function statusSubresource(group: string, kind: string, version = 'v1'): SubresourceDefinition {
  return subresource(group, version, kind, STATUS_VERBS);
}

/** The scale sub-resource: an autoscaling/v1 Scale. */
export const SCALE_SUBRESOURCE: SubresourceDefinition = subresource('autoscaling', 'v1', 'Scale', STATUS_VERBS);

/** Replaces status with the value a new object starts with (Go's zero status as it serialises). */
export function resetStatus(obj: KubeObject, zeroStatus: Record<string, unknown>): void {
  obj.status = deepCopy(zeroStatus);
}

/**
 * Pods and the workloads that create them warn when the name is not a DNS label (pod names become hostnames):
 * `what` is "the Pod's hostname" for pods and "Pod names and hostnames" for workloads.
 */
export function warnIfNameNotDNSLabel(obj: KubeObject, ctx: StrategyContext, what: string): void {
  const msgs = isDNS1123Label(obj.metadata.name ?? '');
  if (msgs.length) {
    ctx.warnings.push(
      `metadata.name: this is used in ${what}, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`,
    );
  }
}

/** Puts back the old object's values of the given metadata fields (what a status write may not change). */
export function keepMetadata(obj: KubeObject, old: KubeObject, fields: readonly (keyof ObjectMeta)[]): void {
  const meta = obj.metadata as Record<string, unknown>;
  const oldMeta = old.metadata as Record<string, unknown>;
  for (const field of fields) {
    if (oldMeta[field] === undefined) delete meta[field];
    else meta[field] = deepCopy(oldMeta[field]);
  }
}
