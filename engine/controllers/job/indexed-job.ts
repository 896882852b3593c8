// Indexed Jobs (indexed_job_utils.go, success_policy.go): each pod runs one completion index, carried in an
// annotation, a label, the JOB_COMPLETION_INDEX variable and the hostname `<job>-<index>`; succeeded indexes
// accumulate in status.completedIndexes; the lowest indexes neither done nor running start next; pods repeating an
// index, or beyond completions, are removed; a success policy may declare the Job done before every index is.

import type { Job } from '../common/batch-types.ts';
import { sortActivePodsWithRanks } from '../common/active-pods.ts';
import type { Container, Pod, PodTemplateSpec } from '../common/workload-types.ts';
import {
  JOB_COMPLETION_INDEX_ANNOTATION,
  JOB_COMPLETION_INDEX_ENV,
  JOB_COMPLETION_INDEX_LABEL,
  UNKNOWN_COMPLETION_INDEX,
  completionIndexOf,
  hasJobTrackingFinalizer,
  isIndexedJob,
  isPodTerminating,
  onlyReplaceFailedPods,
} from './job-pods.ts';
import type { Interval, OrderedIntervals } from './ordered-intervals.ts';
import { parseIntervals, totalIndexes, withOrderedIndexes } from './ordered-intervals.ts';

/** names.MaxGeneratedNameLength: 63 less the five random characters. */
const MAX_GENERATED_NAME_LENGTH = 58;

/** The completed indexes of the status, and those plus the succeeded pods not counted yet. */
export function calculateSucceededIndexes(
  job: Job,
  pods: readonly Pod[],
): { previous: Interval[]; succeeded: Interval[] } {
  const completions = job.spec?.completions ?? 0;
  const previous = parseIntervals(job.status?.completedIndexes ?? '', completions);
  const fresh = new Set<number>();
  for (const pod of pods) {
    const ix = completionIndexOf(pod);
    if (
      pod.status?.phase === 'Succeeded' &&
      ix !== UNKNOWN_COMPLETION_INDEX &&
      ix < completions &&
      hasJobTrackingFinalizer(pod)
    ) {
      fresh.add(ix);
    }
  }
  return {
    previous,
    succeeded: withOrderedIndexes(
      previous,
      [...fresh].sort((a, b) => a - b),
    ),
  };
}

function indexesOf(pods: readonly Pod[]): number[] {
  const indexes = new Set<number>();
  for (const pod of pods) {
    const ix = completionIndexOf(pod);
    if (ix !== UNKNOWN_COMPLETION_INDEX) indexes.add(ix);
  }
  return [...indexes].sort((a, b) => a - b);
}

/** firstPendingIndexes: up to `count` of the lowest indexes below completions that are neither done nor running. */
export function firstPendingIndexes(
  job: Job,
  activePods: readonly Pod[],
  allPods: readonly Pod[],
  succeeded: OrderedIntervals,
  count: number,
): number[] {
  if (count === 0) return [];
  const completions = job.spec?.completions ?? 0;
  let nonPending: OrderedIntervals = withOrderedIndexes(succeeded, indexesOf(activePods));
  if (onlyReplaceFailedPods(job)) {
    nonPending = withOrderedIndexes(nonPending, indexesOf(allPods.filter(isPodTerminating)));
  }
  const result: number[] = [];
  let candidate = 0;
  for (const interval of nonPending) {
    for (; candidate < completions && result.length < count && candidate < interval.first; candidate++) {
      result.push(candidate);
    }
    if (candidate < interval.last + 1) candidate = interval.last + 1;
  }
  for (; candidate < completions && result.length < count; candidate++) result.push(candidate);
  return result;
}

function sortedForRemoval(pods: Pod[]): Pod[] {
  return sortActivePodsWithRanks(
    pods.map((pod) => ({ pod, rank: 0 })),
    0,
  ).map((ranked) => ranked.pod);
}

/**
 * activePodsForRemoval: at least `rmAtLeast` active pods to delete, the ones in the earliest stage first (unscheduled,
 * pending, not ready); for an Indexed Job also every pod without a valid index or repeating one.
 */
export function activePodsForRemoval(job: Job, pods: readonly Pod[], rmAtLeast: number): Pod[] {
  const rm: Pod[] = [];
  let left: Pod[] = [...pods];
  if (isIndexedJob(job)) {
    left = [];
    const completions = job.spec?.completions ?? 0;
    const byIndex = [...pods].sort((a, b) => completionIndexOf(a) - completionIndexOf(b));
    let group: Pod[] = [];
    let groupIndex = UNKNOWN_COMPLETION_INDEX;
    const flush = (): void => {
      if (group.length === 0) return;
      if (groupIndex === UNKNOWN_COMPLETION_INDEX) rm.push(...group);
      else {
        const sorted = sortedForRemoval(group);
        rm.push(...sorted.slice(0, -1));
        left.push(sorted[sorted.length - 1]!);
      }
    };
    for (const [i, pod] of byIndex.entries()) {
      const ix = completionIndexOf(pod);
      if (ix >= completions) {
        flush();
        group = [];
        rm.push(...byIndex.slice(i));
        break;
      }
      if (ix !== groupIndex) {
        flush();
        group = [];
        groupIndex = ix;
      }
      group.push(pod);
    }
    flush();
  }
  if (rm.length < rmAtLeast) rm.push(...sortedForRemoval(left).slice(0, rmAtLeast - rm.length));
  return rm;
}

function addIndexEnv(container: Container): void {
  const env = (container['env'] as { name: string }[] | undefined) ?? [];
  if (env.some((v) => v.name === JOB_COMPLETION_INDEX_ENV)) return;
  container['env'] = [
    ...env,
    {
      name: JOB_COMPLETION_INDEX_ENV,
      valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX_ANNOTATION}']` } },
    },
  ];
}

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the annotation, in every container. */
export function addCompletionIndexEnvVariables(template: PodTemplateSpec): void {
  for (const container of template.spec?.initContainers ?? []) addIndexEnv(container);
  for (const container of template.spec?.containers ?? []) addIndexEnv(container);
}

/** The template of one index: annotation, label and hostname. */
export function templateForIndex(template: PodTemplateSpec, jobName: string, index: number): PodTemplateSpec {
  return {
    metadata: {
      ...template.metadata,
      annotations: { ...template.metadata?.annotations, [JOB_COMPLETION_INDEX_ANNOTATION]: String(index) },
      labels: { ...template.metadata?.labels, [JOB_COMPLETION_INDEX_LABEL]: String(index) },
    },
    spec: { ...template.spec, hostname: `${jobName}-${index}` },
  };
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the generated name fits. */
export function podGenerateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = jobName + suffix;
  if (prefix.length <= MAX_GENERATED_NAME_LENGTH) return prefix;
  return jobName.slice(0, MAX_GENERATED_NAME_LENGTH - suffix.length) + suffix;
}

/** Whether the succeeded indexes cover the rule's indexes, or at least its succeededCount of them. */
function matchSucceededIndexesRule(rule: OrderedIntervals, succeeded: OrderedIntervals, count?: number): boolean {
  let contains = 0;
  let s = 0;
  let r = 0;
  while (r < rule.length && s < succeeded.length) {
    const ri = rule[r]!;
    const si = succeeded[s]!;
    const overlap = Math.min(ri.last, si.last) - Math.max(ri.first, si.first) + 1;
    if (overlap > 0) contains += overlap;
    if (si.last < ri.last) s++;
    else if (si.last > ri.last) r++;
    else {
      s++;
      r++;
    }
  }
  return contains === totalIndexes(rule) || (count !== undefined && contains >= count);
}

/** matchSuccessPolicy: the message of the first rule the succeeded indexes satisfy, if any. */
export function matchSuccessPolicy(job: Job, succeeded: OrderedIntervals): string | undefined {
  const rules = job.spec?.successPolicy?.rules;
  if (!rules || succeeded.length === 0) return undefined;
  const completions = job.spec?.completions ?? 0;
  for (const [index, rule] of rules.entries()) {
    if (rule.succeededIndexes !== undefined) {
      const required = parseIntervals(rule.succeededIndexes, completions);
      if (required.length === 0) continue;
      if (matchSucceededIndexesRule(required, succeeded, rule.succeededCount)) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount !== undefined && rule.succeededCount <= totalIndexes(succeeded)) {
      return `Matched rules at index ${index}`;
    }
  }
  return undefined;
}
