// A framework over fixed objects for plugin and preemption tests (the role of upstream's runtime.NewFramework with
// a fake informer factory): the default profile's plugins built on a snapshot of the given nodes and pods, listers
// backed by the given objects, a paused lab clock, and a client that records the writes plugins make.

import type { KubeObject } from '../../api/object.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import { Indexer } from '../../client/indexer.ts';
import { Lister } from '../../client/lister.ts';
import { VirtualClock } from '../../lab/clock.ts';
import type { Node, Pod } from '../framework/api-types.ts';
import { CycleState } from '../framework/cycle-state.ts';
import type { Plugin, SchedulerListers } from '../framework/interface.ts';
import type { NodeInfo } from '../framework/node-info.ts';
import { PodInfo } from '../framework/pod-info.ts';
import { Framework } from '../framework/runtime/framework.ts';
import type { Profile } from '../framework/runtime/registry.ts';
import type { Status } from '../framework/status.ts';
import { isSuccess } from '../framework/status.ts';
import { SchedulerCache } from '../internal/cache/cache.ts';
import { Snapshot } from '../internal/cache/snapshot.ts';
import { Nominator } from '../internal/queue/nominator.ts';
import { DEFAULT_PROFILE } from '../plugins/default-plugins.ts';
import { newInTreeRegistry } from '../plugins/registry.ts';
import { seededRandom } from '../seeded-random.ts';

export const TEST_NOW = Date.parse('2024-05-01T00:00:00Z');

export interface TestObjects {
  nodes?: Node[];
  /** Pods with spec.nodeName are placed on their nodes; all of them are in the pod lister. */
  pods?: Pod[];
  namespaces?: KubeObject[];
  services?: KubeObject[];
  replicaSets?: KubeObject[];
  podDisruptionBudgets?: KubeObject[];
  profile?: Profile;
}

/** A write a plugin made through the client. */
export interface RecordedCall {
  verb: string;
  path: string;
  body: unknown;
}

function listerOf(objects: readonly KubeObject[] = []): Lister {
  const indexer = new Indexer();
  for (const obj of objects) indexer.upsert(obj);
  return new Lister(indexer);
}

export class TestFramework {
  readonly clock = new VirtualClock(TEST_NOW);
  readonly cache = new SchedulerCache();
  readonly snapshot = new Snapshot();
  readonly nominator: Nominator;
  readonly framework: Framework;
  readonly calls: RecordedCall[] = [];
  readonly events: { reason: string; message: string; object: string }[] = [];

  constructor(objects: TestObjects = {}) {
    this.clock.setPaused(true);
    const pods = objects.pods ?? [];
    const listers: SchedulerListers = {
      pods: listerOf(pods),
      namespaces: listerOf(objects.namespaces),
      services: listerOf(objects.services),
      replicationControllers: listerOf(),
      replicaSets: listerOf(objects.replicaSets),
      statefulSets: listerOf(),
      podDisruptionBudgets: listerOf(objects.podDisruptionBudgets),
    };
    this.nominator = new Nominator(listers.pods);
    const record = (verb: string) => (path: string, body: unknown) => {
      this.calls.push({ verb, path, body });
      return Promise.resolve({});
    };
    const client = {
      patch: (_gvr: unknown, ns: string, name: string, _type: string, body: unknown, o: { subresource?: string }) =>
        record('patch')(`${ns}/${name}${o.subresource ? `/${o.subresource}` : ''}`, body),
      delete: (_gvr: unknown, ns: string, name: string) => record('delete')(`${ns}/${name}`, undefined),
      request: (method: string, path: string, o: { body?: unknown }) => record(method)(path, o.body),
    } as unknown as InProcessClient;
    const recorder = {
      event: (obj: KubeObject, _type: string, reason: string, message: string) =>
        this.events.push({ reason, message, object: obj.metadata.name ?? '' }),
    } as unknown as EventRecorder;
    this.framework = new Framework(newInTreeRegistry(), objects.profile ?? DEFAULT_PROFILE, {
      client,
      clock: this.clock,
      recorder,
      listers,
      nominator: this.nominator,
      snapshot: () => this.snapshot,
      random: seededRandom(1),
    });
    for (const node of objects.nodes ?? []) this.cache.addNode(node);
    for (const pod of pods) if (pod.spec.nodeName) this.cache.addPod(new PodInfo(pod));
    this.cache.updateSnapshot(this.snapshot);
  }

  plugin<T extends Plugin>(name: string): T {
    const plugin = this.framework.plugins.find((p) => p.name === name);
    if (!plugin) throw new Error(`no plugin ${name}`);
    return plugin as T;
  }

  nodeInfo(name: string): NodeInfo {
    const info = this.snapshot.get(name);
    if (!info) throw new Error(`no node ${name}`);
    return info;
  }

  /**
   * Runs one plugin as a cycle would: its PreFilter (if any; a rejection or Skip is returned as such), then its
   * Filter on every node. The statuses by node name; null where the node passes.
   */
  filter(pluginName: string, pod: Pod): { preFilter: Status | null; nodes: Map<string, Status | null> } {
    const plugin = this.plugin<Plugin & Record<string, unknown>>(pluginName);
    const state = new CycleState();
    const podInfo = new PodInfo(pod);
    const nodes = new Map<string, Status | null>();
    if (typeof plugin['preFilter'] === 'function') {
      const { status } = this.framework.preFilterPlugins.find((p) => p.name === pluginName)!.preFilter(state, podInfo);
      if (!isSuccess(status)) return { preFilter: status, nodes };
    }
    const filterPlugin = this.framework.filterPlugins.find((p) => p.name === pluginName)!;
    for (const info of this.snapshot.list()) nodes.set(info.name, filterPlugin.filter(state, podInfo, info));
    return { preFilter: null, nodes };
  }

  /** Runs one Score plugin's PreScore, Score and NormalizeScore over all nodes; null when PreScore skipped it. */
  score(pluginName: string, pod: Pod): Map<string, number> | null {
    const state = new CycleState();
    const podInfo = new PodInfo(pod);
    const nodes = this.snapshot.list();
    const preScore = this.framework.preScorePlugins.find((p) => p.name === pluginName);
    const status = preScore?.preScore(state, podInfo, nodes) ?? null;
    if (status?.code === 'Skip') return null;
    if (!isSuccess(status)) throw new Error(status!.message());
    const plugin = this.framework.scorePlugins.find((p) => p.name === pluginName)!;
    const scores = nodes.map((n) => plugin.score(state, podInfo, n));
    const normalized = plugin.normalizeScore?.(state, podInfo, nodes, scores) ?? null;
    if (!isSuccess(normalized)) throw new Error(normalized!.message());
    return new Map(nodes.map((n, i) => [n.name, scores[i]!]));
  }
}

/** A status as the tests compare it: its code and reasons, or 'Success'. */
export function summary(status: Status | null): string {
  if (isSuccess(status)) return 'Success';
  return `${status!.code}: ${status!.reasons.join(', ')}`;
}
