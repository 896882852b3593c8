// The pods a DaemonSet creates (daemon/util): its template with the daemon tolerations, the controller-revision-hash
// and pod-template-generation labels, and a required node affinity term on metadata.name that pins the pod to its
// node for the scheduler — as upstream has done since 1.12 instead of setting nodeName. The node a pod is meant for is
// read back from that term (or nodeName, once bound).

import { deepCopy } from '../../api/object.ts';
import type { Affinity } from '../../scheduler/framework/api-types.ts';
import type { Pod, PodTemplateSpec } from '../common/workload-types.ts';
import { addOrUpdateDaemonPodTolerations } from './daemon-placement.ts';
import type { DaemonSet } from './daemonset-types.ts';

/** apps.DefaultDaemonSetUniqueLabelKey: the revision hash every daemon pod is labelled with. */
export const DAEMONSET_REVISION_HASH_LABEL = 'controller-revision-hash';
/** extensions.DaemonSetTemplateGenerationKey. */
export const DAEMONSET_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** Where apps/v1 keeps the DaemonSet's template generation. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** GetTemplateGeneration: the annotation's integer, or undefined when absent or not a number. */
export function templateGeneration(ds: DaemonSet): number | undefined {
  const value = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

/** CreatePodTemplate: the template with daemon tolerations and the generation and hash labels. */
export function createPodTemplate(
  template: PodTemplateSpec,
  generation: number | undefined,
  hash: string,
): PodTemplateSpec {
  const copy = deepCopy(template);
  const spec = (copy.spec ??= {});
  addOrUpdateDaemonPodTolerations(spec);
  const labels = { ...copy.metadata?.labels };
  if (generation !== undefined) labels[DAEMONSET_TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash) labels[DAEMONSET_REVISION_HASH_LABEL] = hash;
  copy.metadata = { ...copy.metadata, labels };
  return copy;
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes the one term matching the node's
 * name; preferred terms and other affinities stay.
 */
export function replaceNodeNameNodeAffinity(affinity: Affinity | null | undefined, nodeName: string): Affinity {
  const required = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
  };
  return {
    ...affinity,
    nodeAffinity: { ...affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required },
  };
}

/** GetTargetNodeName: the node a daemon pod is bound to, or pinned to by its node affinity. */
export function targetNodeName(pod: Pod): string | undefined {
  const nodeName = pod.spec?.nodeName;
  if (nodeName) return nodeName;
  const affinity = pod.spec?.['affinity'] as Affinity | undefined;
  const terms = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In') {
        return field.values?.length === 1 ? field.values[0] : undefined;
      }
    }
  }
  return undefined;
}

/** IsPodUpdated: the pod carries the current revision's hash, or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches =
    generation !== undefined && labels[DAEMONSET_TEMPLATE_GENERATION_LABEL] === String(generation);
  const hashMatches = hash !== '' && labels[DAEMONSET_REVISION_HASH_LABEL] === hash;
  return hashMatches || templateMatches;
}

/** podByCreationTimestampAndPhase: bound pods first, then the oldest, then by name. */
export function byCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const aBound = Boolean(a.spec?.nodeName);
  const bBound = Boolean(b.spec?.nodeName);
  if (aBound !== bBound) return aBound ? -1 : 1;
  const at = a.metadata.creationTimestamp ?? '';
  const bt = b.metadata.creationTimestamp ?? '';
  if (at === bt) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  return at < bt ? -1 : 1;
}
