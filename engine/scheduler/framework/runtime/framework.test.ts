import { describe, expect, it } from 'vitest';
import { TestFramework } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { CycleState } from '../cycle-state.ts';
import type { Plugin, PluginFactory, PreFilterOutcome } from '../interface.ts';
import type { NodeInfo } from '../node-info.ts';
import { PodInfo } from '../pod-info.ts';
import { Status } from '../status.ts';
import { Framework } from './framework.ts';
import type { PluginConfig } from './registry.ts';

/** Test plugins: a PreFilter narrowing the nodes, a Score plugin scoring by a node label. */
const narrowTo =
  (name: string, nodeNames: string[] | undefined, status: Status | null = null): PluginFactory =>
  () =>
    ({
      name,
      preFilter: (): PreFilterOutcome => ({
        status,
        result: nodeNames === undefined ? undefined : { nodeNames: new Set(nodeNames) },
      }),
    }) as Plugin;

const scoreByLabel =
  (name: string): PluginFactory =>
  () =>
    ({
      name,
      score: (_s: CycleState, _p: PodInfo, n: NodeInfo) => Number(n.labels['score'] ?? 0),
    }) as Plugin;

const sortAndBind: [string, PluginFactory][] = [
  ['Sort', () => ({ name: 'Sort', less: () => false }) as Plugin],
  ['Bind', () => ({ name: 'Bind', bind: () => Promise.resolve(null) }) as Plugin],
];

function frameworkWith(plugins: [string, PluginFactory][], configs: PluginConfig[]): Framework {
  const base = new TestFramework({
    nodes: [makeNode().name('a').labels({ score: '10' }).obj(), makeNode().name('b').labels({ score: '30' }).obj()],
  });
  const registry = new Map([...sortAndBind, ...plugins]);
  const profile = {
    schedulerName: 'test',
    plugins: [{ name: 'Sort' }, ...configs, { name: 'Bind' }],
  };
  const f = base.framework;
  return new Framework(registry, profile, {
    client: f.client,
    clock: f.clock,
    recorder: f.recorder,
    listers: f.listers,
    nominator: f.nominator,
    snapshot: () => base.snapshot,
    random: f.random,
  });
}

describe('Framework.runPreFilterPlugins', () => {
  const pod = new PodInfo(makePod().obj());

  it('intersects the nodes the plugins narrow the search to', () => {
    const fwk = frameworkWith(
      [
        ['A', narrowTo('A', ['a', 'b'])],
        ['B', narrowTo('B', ['b', 'c'])],
      ],
      [{ name: 'A' }, { name: 'B' }],
    );
    const run = fwk.runPreFilterPlugins(new CycleState(), pod);
    expect([...(run.result?.nodeNames ?? [])]).toEqual(['b']);
    expect([...run.pluginsWithNodes]).toEqual(['A', 'B']);
  });

  it('rejects the pod when the narrowed sets do not overlap', () => {
    const fwk = frameworkWith(
      [
        ['A', narrowTo('A', ['a'])],
        ['B', narrowTo('B', ['b'])],
      ],
      [{ name: 'A' }, { name: 'B' }],
    );
    const { status } = fwk.runPreFilterPlugins(new CycleState(), pod);
    expect(status?.code).toBe('UnschedulableAndUnresolvable');
    expect(status?.message()).toBe("node(s) didn't satisfy plugin(s) [A B] simultaneously");
  });

  it('leaves the Filter of a plugin whose PreFilter skipped out of the cycle', () => {
    const fwk = frameworkWith([['A', narrowTo('A', undefined, new Status('Skip'))]], [{ name: 'A' }]);
    const state = new CycleState();
    fwk.runPreFilterPlugins(state, pod);
    expect([...state.skipFilterPlugins]).toEqual(['A']);
  });

  it('stops at an UnschedulableAndUnresolvable rejection, naming the plugin', () => {
    const fwk = frameworkWith(
      [['A', narrowTo('A', undefined, new Status('UnschedulableAndUnresolvable', ['no way']))]],
      [{ name: 'A' }],
    );
    const { status } = fwk.runPreFilterPlugins(new CycleState(), pod);
    expect([status?.code, status?.plugin, status?.message()]).toEqual(['UnschedulableAndUnresolvable', 'A', 'no way']);
  });
});

describe('Framework.runScorePlugins', () => {
  it('weighs each plugin by its weight in the profile and sums per node', () => {
    const fwk = frameworkWith(
      [
        ['One', scoreByLabel('One')],
        ['Three', scoreByLabel('Three')],
      ],
      [
        { name: 'One', weight: 1 },
        { name: 'Three', weight: 3 },
      ],
    );
    const nodes = fwk.snapshotSharedLister().list();
    const run = fwk.runScorePlugins(new CycleState(), new PodInfo(makePod().obj()), nodes, true);
    expect(run instanceof Status).toBe(false);
    if (run instanceof Status) return;
    expect(nodes.map((n) => n.name)).toEqual(['a', 'b']);
    expect(run.totals).toEqual([40, 120]);
    expect(run.plugins.map((p) => [p.plugin, p.weight, [...p.raw!]])).toEqual([
      ['One', 1, [10, 30]],
      ['Three', 3, [10, 30]],
    ]);
  });

  it('fails the cycle on a score outside 0–100', () => {
    const fwk = frameworkWith([['Big', () => ({ name: 'Big', score: () => 101 }) as Plugin]], [{ name: 'Big' }]);
    const run = fwk.runScorePlugins(
      new CycleState(),
      new PodInfo(makePod().obj()),
      fwk.snapshotSharedLister().list(),
      false,
    );
    expect(run instanceof Status && run.message()).toBe(
      'plugin "Big" returns an invalid score 101, it should in the range of [0, 100] after normalizing',
    );
  });
});
