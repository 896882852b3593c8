// One scheduling attempt as the decision log keeps it: captured while the cycle runs (AttemptBuilder), stored
// compactly — node lists capped, scores of the best nodes in a typed array — and rendered to the JSON of a
// SchedulingAttempt only when someone reads it.

import { rfc3339 } from '../api/json.ts';
import type { Pod } from './framework/api-types.ts';
import type { NodeToStatus } from './framework/fit-error.ts';
import type { NodeInfo } from './framework/node-info.ts';
import type { PreFilterRun, ScoreRun } from './framework/runtime/framework.ts';
import type { Status } from './framework/status.ts';
import type {
  AttemptResult,
  FilterRejection,
  NodeScore,
  PreFilterEntry,
  PreemptionRecord,
  SchedulingAttempt,
} from './decision-types.ts';

interface CapturedScores {
  nodes: string[];
  plugins: { plugin: string; weight: number }[];
  /** Per node, per plugin: raw score then normalized score. */
  values: Float64Array;
  totals: Float64Array;
  skippedPlugins: string[];
  total: number;
}

function capped<T>(items: Iterable<T>, limit: number): { list: T[]; omitted: number } {
  const list: T[] = [];
  let omitted = 0;
  for (const item of items) {
    if (list.length < limit) list.push(item);
    else omitted++;
  }
  return { list, omitted };
}

/** Indexes of the `k` highest totals, best first, ties in node order (an insertion into a list of at most k). */
export function topIndexes(totals: readonly number[], k: number): number[] {
  const top: number[] = [];
  if (k <= 0) return top;
  for (let i = 0; i < totals.length; i++) {
    const total = totals[i]!;
    let j: number;
    if (top.length < k) {
      top.push(i);
      j = top.length - 1;
    } else if (totals[top[k - 1]!]! < total) {
      j = k - 1;
    } else {
      continue;
    }
    while (j > 0 && totals[top[j - 1]!]! < total) {
      top[j] = top[j - 1]!;
      j--;
    }
    top[j] = i;
  }
  return top;
}

export class AttemptBuilder {
  result: AttemptResult = 'Unschedulable';
  nodeName: string | undefined;
  message: string | undefined;
  preemption: PreemptionRecord | undefined;
  binding: SchedulingAttempt['binding'];
  private preFilterEntries: PreFilterEntry[] = [];
  private nominated: SchedulingAttempt['nominatedNode'];
  private totalNodes = 0;
  private evaluated = 0;
  private feasibleCount = 0;
  private startIndex = 0;
  private feasibleNodesToFind = 0;
  private percentage = 0;
  private rejected: { list: [string, Status][]; omitted: number } = { list: [], omitted: 0 };
  private feasible: { list: string[]; omitted: number } = { list: [], omitted: 0 };
  private skipped: { list: string[]; omitted: number } = { list: [], omitted: 0 };
  private scores: CapturedScores | undefined;

  constructor(
    readonly attempt: number,
    readonly time: number,
    private readonly limit: number,
  ) {}

  preFilter(run: PreFilterRun, skipped: ReadonlySet<string>): void {
    for (const plugin of skipped) this.preFilterEntries.push({ plugin, code: 'Skip' });
    const nodeNames = run.result?.nodeNames;
    if (nodeNames !== undefined) {
      this.preFilterEntries.push({
        plugin: [...run.pluginsWithNodes].join(','),
        code: 'Success',
        nodeNames: capped(nodeNames, this.limit).list,
      });
    }
    const s = run.status;
    if (s && s.code !== 'Success')
      this.preFilterEntries.push({ plugin: s.plugin, code: s.code, reasons: [...s.reasons] });
  }

  nominatedNode(node: string, status: Status | null): void {
    this.nominated = status
      ? { node, feasible: false, plugin: status.plugin, reasons: [...status.reasons] }
      : { node, feasible: true };
  }

  numNodesToFind(count: number, percentage: number): void {
    this.feasibleNodesToFind = count;
    this.percentage = percentage;
  }

  filtered(
    nodes: readonly NodeInfo[],
    start: number,
    processed: number,
    feasible: readonly NodeInfo[],
    statuses: NodeToStatus,
    totalNodes: number,
  ): void {
    this.totalNodes = totalNodes;
    this.evaluated = processed;
    this.feasibleCount = feasible.length;
    this.startIndex = nodes.length ? start % nodes.length : 0;
    this.rejected = capped(statuses.entries(), this.limit);
    const feasibleNames: string[] = [];
    for (let i = 0; i < feasible.length && i < this.limit; i++) feasibleNames.push(feasible[i]!.name);
    this.feasible = { list: feasibleNames, omitted: feasible.length - feasibleNames.length };
    const skippedCount = Math.max(0, nodes.length - processed);
    const shown = Math.min(skippedCount, this.limit);
    const skippedNames: string[] = [];
    for (let i = 0; i < shown; i++) skippedNames.push(nodes[(start + processed + i) % nodes.length]!.name);
    this.skipped = { list: skippedNames, omitted: skippedCount - shown };
  }

  scored(nodes: readonly NodeInfo[], run: ScoreRun, skippedPlugins: ReadonlySet<string>): void {
    const top = topIndexes(run.totals, this.limit);
    const p = run.plugins.length;
    const values = new Float64Array(top.length * p * 2);
    const totals = new Float64Array(top.length);
    top.forEach((nodeIndex, row) => {
      totals[row] = run.totals[nodeIndex]!;
      run.plugins.forEach((plugin, col) => {
        values[(row * p + col) * 2] = plugin.raw?.[nodeIndex] ?? 0;
        values[(row * p + col) * 2 + 1] = plugin.normalized[nodeIndex]!;
      });
    });
    this.scores = {
      nodes: top.map((i) => nodes[i]!.name),
      plugins: run.plugins.map(({ plugin, weight }) => ({ plugin, weight })),
      values,
      totals,
      skippedPlugins: [...skippedPlugins],
      total: nodes.length,
    };
  }

  /** The JSON form of the attempt. */
  render(): SchedulingAttempt {
    const attempt: SchedulingAttempt = {
      attempt: this.attempt,
      time: rfc3339(this.time),
      result: this.result,
      nodes: {
        total: this.totalNodes,
        evaluated: this.evaluated,
        feasible: this.feasibleCount,
        skipped: this.skipped.list.length + this.skipped.omitted,
        feasibleNodesToFind: this.feasibleNodesToFind,
        percentageOfNodesToScore: this.percentage,
        startIndex: this.startIndex,
      },
      preFilter: this.preFilterEntries,
      filter: {
        rejected: this.rejected.list.map(([node, s]): FilterRejection => ({
          node,
          plugin: s.plugin,
          code: s.code,
          reasons: [...s.reasons],
        })),
        feasibleNodes: this.feasible.list,
        skippedNodes: this.skipped.list,
      },
    };
    if (this.nodeName !== undefined) attempt.nodeName = this.nodeName;
    if (this.message !== undefined) attempt.message = this.message;
    if (this.nominated) attempt.nominatedNode = this.nominated;
    const omitted = {
      rejected: this.rejected.omitted || undefined,
      feasibleNodes: this.feasible.omitted || undefined,
      skippedNodes: this.skipped.omitted || undefined,
    };
    if (omitted.rejected || omitted.feasibleNodes || omitted.skippedNodes) attempt.filter.omitted = omitted;
    if (this.scores) attempt.score = this.renderScores(this.scores);
    if (this.preemption) attempt.preemption = this.preemption;
    if (this.binding) attempt.binding = this.binding;
    return attempt;
  }

  private renderScores(s: CapturedScores): NonNullable<SchedulingAttempt['score']> {
    const p = s.plugins.length;
    const nodes = s.nodes.map((node, row): NodeScore => ({
      node,
      totalScore: s.totals[row]!,
      plugins: s.plugins.map(({ plugin, weight }, col) => {
        const normalizedScore = s.values[(row * p + col) * 2 + 1]!;
        return {
          plugin,
          score: s.values[(row * p + col) * 2]!,
          normalizedScore,
          weight,
          weightedScore: normalizedScore * weight,
        };
      }),
    }));
    const score: NonNullable<SchedulingAttempt['score']> = { skippedPlugins: s.skippedPlugins, nodes };
    if (s.total > nodes.length) score.omittedNodes = s.total - nodes.length;
    return score;
  }
}

/** The preemption part of a record: the nominated node and its victims. */
export function preemptionRecord(nominatedNodeName: string | undefined, victims: readonly Pod[], message: string) {
  const record: PreemptionRecord = {
    victims: victims.map((v) => ({
      namespace: v.metadata.namespace ?? '',
      name: v.metadata.name ?? '',
      priority: v.spec.priority ?? 0,
    })),
  };
  if (nominatedNodeName) record.nominatedNodeName = nominatedNodeName;
  if (message) record.message = message;
  return record;
}
