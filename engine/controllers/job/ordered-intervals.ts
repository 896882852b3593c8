// Sets of completion indexes as ordered, non-overlapping intervals (indexed_job_utils.go orderedIntervals), written
// the way status.completedIndexes shows them: "1,3-5,7" (two adjacent indexes as "3,4", three or more as a range).

export interface Interval {
  first: number;
  last: number;
}

export type OrderedIntervals = readonly Interval[];

/** The number of indexes in the set. */
export function totalIndexes(intervals: OrderedIntervals): number {
  let count = 0;
  for (const iv of intervals) count += iv.last - iv.first + 1;
  return count;
}

/** Whether the set holds `ix` (binary search). */
export function hasIndex(intervals: OrderedIntervals, ix: number): boolean {
  let lo = 0;
  let hi = intervals.length;
  while (hi > lo) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (intervals[mid]!.last >= ix) hi = mid;
    else lo = mid + 1;
  }
  return hi < intervals.length && intervals[hi]!.first <= ix;
}

/** The union of two sets. */
export function mergeIntervals(a: OrderedIntervals, b: OrderedIntervals): Interval[] {
  const result: Interval[] = [];
  const append = (iv: Interval): void => {
    const last = result[result.length - 1];
    if (!last || iv.first > last.last + 1) result.push({ ...iv });
    else if (last.last < iv.last) last.last = iv.last;
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]!.first < b[j]!.first) append(a[i++]!);
    else append(b[j++]!);
  }
  while (i < a.length) append(a[i++]!);
  while (j < b.length) append(b[j++]!);
  return result;
}

/** The set with indexes added; `indexes` must be sorted. */
export function withOrderedIndexes(intervals: OrderedIntervals, indexes: readonly number[]): Interval[] {
  return mergeIntervals(
    intervals,
    indexes.map((ix) => ({ first: ix, last: ix })),
  );
}

/** The set as status.completedIndexes writes it. */
export function formatIntervals(intervals: OrderedIntervals): string {
  const parts: string[] = [];
  for (const { first, last } of intervals) {
    if (last === first) parts.push(String(first));
    else if (last === first + 1) parts.push(`${first},${last}`);
    else parts.push(`${first}-${last}`);
  }
  return parts.join(',');
}

function atoi(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
}

/** parseIndexesFromString: reads "1,3-5", ignoring corrupted intervals and indexes at or above `completions`. */
export function parseIntervals(text: string, completions: number): Interval[] {
  const result: Interval[] = [];
  if (text === '') return result;
  for (const part of text.split(',')) {
    const limits = part.split('-');
    const first = atoi(limits[0] ?? '');
    if (first === undefined) continue;
    if (first >= completions) break;
    let last = first;
    if (limits.length > 1) {
      const parsed = atoi(limits[1] ?? '');
      if (parsed === undefined) continue;
      last = Math.min(parsed, completions - 1);
    }
    const previous = result[result.length - 1];
    if (previous && previous.last === first - 1) previous.last = last;
    else result.push({ first, last });
  }
  return result;
}
