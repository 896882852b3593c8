// The scheduler's explanation of a pod, made ready to show: from the SchedulingDecision objects that
// 'scheduling.explain' answers (lab.kubelab.io/v1alpha1, as engine/scheduler/decision-types.ts records them), per
// attempt one row per node — the filter verdict with the plugin that rejected it and why, or its scores per plugin.

import type { KubeObjectJson, SchedulingExplanation } from '../../engine/protocol/host-api.ts';

/** The parts of a SchedulingDecision's status the UI reads (the renderer may not import engine/scheduler). */
interface PluginScore {
  plugin: string;
  score: number;
  normalizedScore: number;
  weight: number;
  weightedScore: number;
}

interface Attempt {
  attempt: number;
  time: string;
  result: string;
  nodeName?: string;
  message?: string;
  nodes?: { total: number; evaluated: number; feasible: number; skipped: number };
  nominatedNode?: { node: string; feasible: boolean; plugin?: string; reasons?: string[] };
  preFilter?: { plugin: string; code: string; reasons?: string[]; nodeNames?: string[] }[];
  filter?: {
    rejected: { node: string; plugin: string; code: string; reasons: string[] }[];
    feasibleNodes: string[];
    skippedNodes: string[];
    omitted?: { rejected?: number; feasibleNodes?: number; skippedNodes?: number };
  };
  score?: { skippedPlugins: string[]; nodes: { node: string; totalScore: number; plugins: PluginScore[] }[] };
  preemption?: { nominatedNodeName?: string; victims: { namespace: string; name: string }[]; message?: string };
  binding?: { result: string; message?: string };
}

interface DecisionStatus {
  phase?: string;
  nodeName?: string;
  message?: string;
  attemptCount?: number;
  attempts?: Attempt[];
}

export type NodeVerdict = 'Chosen' | 'Feasible' | 'Rejected' | 'Skipped';

export interface NodeRow {
  node: string;
  verdict: NodeVerdict;
  /** The filter plugin that rejected the node, and its code (Unschedulable, UnschedulableAndUnresolvable, …). */
  plugin?: string;
  code?: string;
  reasons: string[];
  totalScore?: number;
  /** Per score plugin, in `scorePlugins` order: weighted score (normalized × weight), or undefined when not scored. */
  scores: (PluginScore | undefined)[];
}

export interface AttemptView {
  attempt: number;
  time: string;
  result: string;
  message: string;
  /** "3 nodes: 3 evaluated, 0 feasible, 0 skipped". */
  counts: string;
  preFilter: string[];
  scorePlugins: string[];
  skippedScorePlugins: string[];
  nodes: NodeRow[];
  notes: string[];
}

export interface ExplanationView {
  pod: string;
  phase: string;
  nodeName: string;
  message: string;
  attemptCount: number;
  /** Newest first. */
  attempts: AttemptView[];
}

const VERDICT_ORDER: Record<NodeVerdict, number> = { Chosen: 0, Feasible: 1, Rejected: 2, Skipped: 3 };

function preFilterText(entry: NonNullable<Attempt['preFilter']>[number]): string {
  if (entry.code === 'Skip') return `${entry.plugin}: skipped (nothing to check for this pod)`;
  if (entry.nodeNames) return `${entry.plugin}: narrowed to ${entry.nodeNames.join(', ') || 'no nodes'}`;
  return `${entry.plugin}: ${entry.code}${entry.reasons?.length ? ` — ${entry.reasons.join('; ')}` : ''}`;
}

export function attemptView(attempt: Attempt): AttemptView {
  const rows = new Map<string, NodeRow>();
  const row = (node: string, verdict: NodeVerdict): NodeRow => {
    const existing = rows.get(node);
    if (existing) return existing;
    const created: NodeRow = { node, verdict, reasons: [], scores: [] };
    rows.set(node, created);
    return created;
  };
  const scorePlugins = [...new Set(attempt.score?.nodes.flatMap((n) => n.plugins.map((p) => p.plugin)) ?? [])];
  for (const scored of attempt.score?.nodes ?? []) {
    const r = row(scored.node, scored.node === attempt.nodeName ? 'Chosen' : 'Feasible');
    r.totalScore = scored.totalScore;
    r.scores = scorePlugins.map((plugin) => scored.plugins.find((p) => p.plugin === plugin));
  }
  for (const node of attempt.filter?.feasibleNodes ?? []) row(node, node === attempt.nodeName ? 'Chosen' : 'Feasible');
  for (const rejection of attempt.filter?.rejected ?? []) {
    const r = row(rejection.node, 'Rejected');
    r.plugin = rejection.plugin;
    r.code = rejection.code;
    r.reasons = rejection.reasons;
  }
  for (const node of attempt.filter?.skippedNodes ?? []) {
    row(node, 'Skipped').reasons = ['not evaluated: enough feasible nodes were found (percentageOfNodesToScore)'];
  }
  if (attempt.nodeName) row(attempt.nodeName, 'Chosen').verdict = 'Chosen';
  const nodes = [...rows.values()].sort(
    (a, b) =>
      VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
      (b.totalScore ?? 0) - (a.totalScore ?? 0) ||
      a.node.localeCompare(b.node),
  );
  const n = attempt.nodes;
  const notes: string[] = [];
  const omitted = attempt.filter?.omitted;
  if (omitted?.rejected) notes.push(`${omitted.rejected} more rejected nodes not recorded`);
  if (omitted?.feasibleNodes) notes.push(`${omitted.feasibleNodes} more feasible nodes not recorded`);
  if (attempt.nominatedNode) {
    const nominated = attempt.nominatedNode;
    notes.push(
      `nominated node ${nominated.node} tried first: ${nominated.feasible ? 'feasible' : `rejected by ${nominated.plugin ?? '?'} (${(nominated.reasons ?? []).join('; ')})`}`,
    );
  }
  if (attempt.preemption) {
    const p = attempt.preemption;
    notes.push(
      p.nominatedNodeName
        ? `preemption: nominated ${p.nominatedNodeName}, evicting ${p.victims.map((v) => `${v.namespace}/${v.name}`).join(', ') || 'nothing'}`
        : `preemption: ${p.message ?? 'found no node'}`,
    );
  }
  if (attempt.binding) {
    notes.push(`binding: ${attempt.binding.result}${attempt.binding.message ? ` — ${attempt.binding.message}` : ''}`);
  }
  return {
    attempt: attempt.attempt,
    time: attempt.time,
    result: attempt.result,
    message: attempt.message ?? (attempt.nodeName ? `assigned to ${attempt.nodeName}` : ''),
    counts: n ? `${n.total} nodes: ${n.evaluated} evaluated, ${n.feasible} feasible, ${n.skipped} skipped` : '',
    preFilter: (attempt.preFilter ?? []).map(preFilterText),
    scorePlugins,
    skippedScorePlugins: attempt.score?.skippedPlugins ?? [],
    nodes,
    notes,
  };
}

/** The explanation of the pod's decision, or undefined when the scheduler has none recorded. */
export function explanationView(explanation: SchedulingExplanation): ExplanationView | undefined {
  const decision: KubeObjectJson | undefined = explanation.decisions.at(-1);
  if (!decision) return undefined;
  const status = (decision.status ?? {}) as DecisionStatus;
  const attempts = status.attempts ?? [];
  return {
    pod: `${explanation.pod.namespace}/${explanation.pod.name}`,
    phase: status.phase ?? '',
    nodeName: status.nodeName ?? '',
    message: status.message ?? '',
    attemptCount: status.attemptCount ?? attempts.length,
    attempts: attempts.map(attemptView).reverse(),
  };
}
