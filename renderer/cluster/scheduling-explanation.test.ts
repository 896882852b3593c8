import { describe, expect, it } from 'vitest';
import type { SchedulingExplanation } from '../../engine/protocol/host-api.ts';
import { attemptView, explanationView } from './scheduling-explanation.ts';

const score = (plugin: string, normalizedScore: number, weight: number) => ({
  plugin,
  score: normalizedScore,
  normalizedScore,
  weight,
  weightedScore: normalizedScore * weight,
});

const UNSCHEDULABLE = {
  attempt: 2,
  time: '2026-01-01T00:00:02Z',
  result: 'Unschedulable',
  message: '0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu.',
  nodes: { total: 3, evaluated: 3, feasible: 0, skipped: 0 },
  preFilter: [{ plugin: 'NodeAffinity', code: 'Skip' }],
  filter: {
    rejected: [
      { node: 'node-2', plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] },
      {
        node: 'node-1',
        plugin: 'NodeUnschedulable',
        code: 'UnschedulableAndUnresolvable',
        reasons: ['node(s) were unschedulable'],
      },
      { node: 'node-3', plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] },
    ],
    feasibleNodes: [],
    skippedNodes: [],
  },
};

const SCHEDULED = {
  attempt: 1,
  time: '2026-01-01T00:00:01Z',
  result: 'Scheduled',
  nodeName: 'node-2',
  nodes: { total: 3, evaluated: 3, feasible: 2, skipped: 0 },
  preFilter: [],
  filter: {
    rejected: [
      {
        node: 'control-plane',
        plugin: 'TaintToleration',
        code: 'UnschedulableAndUnresolvable',
        reasons: ['untolerated taint'],
      },
    ],
    feasibleNodes: ['node-1', 'node-2'],
    skippedNodes: [],
  },
  score: {
    skippedPlugins: ['InterPodAffinity'],
    nodes: [
      { node: 'node-2', totalScore: 300, plugins: [score('NodeResourcesFit', 90, 1), score('TaintToleration', 70, 3)] },
      {
        node: 'node-1',
        totalScore: 250,
        plugins: [score('TaintToleration', 50, 3), score('NodeResourcesFit', 100, 1)],
      },
    ],
  },
  binding: { result: 'Bound' },
};

describe('the scheduler explanation', () => {
  it('shows per node the filter plugin that rejected it, with its code and reasons, rejected nodes by name', () => {
    const view = attemptView(UNSCHEDULABLE);
    expect(view.nodes.map((n) => [n.node, n.verdict, n.plugin, n.code, n.reasons.join()])).toEqual([
      ['node-1', 'Rejected', 'NodeUnschedulable', 'UnschedulableAndUnresolvable', 'node(s) were unschedulable'],
      ['node-2', 'Rejected', 'NodeResourcesFit', 'Unschedulable', 'Insufficient cpu'],
      ['node-3', 'Rejected', 'NodeResourcesFit', 'Unschedulable', 'Insufficient cpu'],
    ]);
    expect(view.counts).toBe('3 nodes: 3 evaluated, 0 feasible, 0 skipped');
    expect(view.preFilter).toEqual(['NodeAffinity: skipped (nothing to check for this pod)']);
    expect(view.message).toMatch(/^0\/3 nodes are available/);
  });

  it('shows the chosen node first, then feasible nodes by score, each with its scores per plugin in one order', () => {
    const view = attemptView(SCHEDULED);
    expect(view.scorePlugins).toEqual(['NodeResourcesFit', 'TaintToleration']);
    expect(view.nodes.map((n) => [n.node, n.verdict, n.totalScore])).toEqual([
      ['node-2', 'Chosen', 300],
      ['node-1', 'Feasible', 250],
      ['control-plane', 'Rejected', undefined],
    ]);
    expect(view.nodes[1]?.scores.map((s) => s?.weightedScore)).toEqual([100, 150]);
    expect(view.nodes[2]?.scores).toEqual([]);
    expect(view.skippedScorePlugins).toEqual(['InterPodAffinity']);
    expect(view.notes).toEqual(['binding: Bound']);
    expect(view.message).toBe('assigned to node-2');
  });

  it('explains the last decision, newest attempt first', () => {
    const explanation: SchedulingExplanation = {
      pod: { namespace: 'default', name: 'web-1' },
      decisions: [
        {
          apiVersion: 'lab.kubelab.io/v1alpha1',
          kind: 'SchedulingDecision',
          metadata: { name: 'web-1', namespace: 'default' },
          status: { phase: 'Unschedulable', attemptCount: 2, message: 'no', attempts: [SCHEDULED, UNSCHEDULABLE] },
        },
      ],
    };
    const view = explanationView(explanation);
    expect(view).toMatchObject({ pod: 'default/web-1', phase: 'Unschedulable', attemptCount: 2, message: 'no' });
    expect(view?.attempts.map((a) => a.attempt)).toEqual([2, 1]);
  });

  it('has nothing to show when the scheduler has no record', () => {
    expect(explanationView({ pod: { namespace: 'default', name: 'x' }, decisions: [] })).toBeUndefined();
  });
});
