// The network panel's state: the data plane's topology (fetched again, at most every half second, while the panel
// follows the pods, Services and EndpointSlices), the trace form (from, to), the trace — a new one, or a request a
// program sent, replayed — and the position of its walk (step, back, play), what the current hop lights up, and the
// netfilter rules of the nodes the walk reaches.

import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { NetworkRequest, NetworkTopology, NetworkTrace, ResourceRef } from '../../engine/protocol/host-api.ts';
import { expandTarget, needsSummary } from '../network/trace-targets.ts';
import {
  chosenEndpoints,
  crossingOf,
  hopFocus,
  lastRuleHop,
  nodeOfNetns,
  traceWalk,
  tunnelUse,
  visitedNamespaces,
} from '../network/trace-walk.ts';
import { hostErrorOf } from '../services/host-client.ts';
import { host } from '../services/host.ts';
import { useClusterStore } from './cluster-store.ts';

export type DiagramMode = 'auto' | 'detail' | 'summary';

export interface NodeRules {
  iptablesSave: string;
  ipvs: string;
}

const SERVICES: ResourceRef = { group: '', version: 'v1', resource: 'services' };
const ENDPOINT_SLICES: ResourceRef = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };
/** How long after a change the topology is fetched again (changes meanwhile share that fetch). */
const REFRESH_DELAY_MS = 500;
/** How long each hop shows while the walk plays. */
export const PLAY_INTERVAL_MS = 900;

export const useNetworkStore = defineStore('network', () => {
  const cluster = useClusterStore();
  const topology = shallowRef<NetworkTopology | undefined>();
  const topologyError = ref('');
  const from = ref('');
  const to = ref('');
  const trace = shallowRef<NetworkTrace | undefined>();
  const traceError = ref('');
  const tracing = ref(false);
  /** The latest requests programs sent, newest first. */
  const requests = shallowRef<NetworkRequest[]>([]);
  const withLookups = ref(false);
  const position = ref(0);
  const playing = ref(false);
  const rules = shallowRef<ReadonlyMap<string, NodeRules>>(new Map());
  const rulesError = ref('');
  const mode = ref<DiagramMode>('auto');
  /** Nodes unfolded in the summary. */
  const unfolded = shallowRef<ReadonlySet<string>>(new Set());

  const steps = computed(() => traceWalk(trace.value, withLookups.value));
  const current = computed(() => steps.value[position.value]);
  const focus = computed(() => (current.value ? hopFocus(current.value.hop) : undefined));
  const visited = computed(() => visitedNamespaces(steps.value, position.value));
  const chosen = computed(() => chosenEndpoints(steps.value.slice(0, position.value + 1)));
  const tunnel = computed(() => tunnelUse(current.value?.hop));
  const crossing = computed(() => crossingOf(tunnel.value, topology.value));
  /** The node the current hop is on. */
  const focusNode = computed(() => (focus.value ? nodeOfNetns(topology.value, focus.value.netns) : undefined));
  /** The rule hop whose rule the rules panel shows: the current hop's, else the last one before it. */
  const ruleStep = computed(() => lastRuleHop(steps.value, position.value));
  const ruleNode = computed(() => {
    const step = steps.value[ruleStep.value];
    return step ? nodeOfNetns(topology.value, step.hop.namespace) : undefined;
  });
  /** The nodes the walk passed through before the current hop. */
  const visitedNodes = computed(() => {
    const nodes = new Set<string>();
    for (const netns of visited.value) {
      const node = nodeOfNetns(topology.value, netns);
      if (node) nodes.add(node);
    }
    return nodes;
  });
  /** The nodes the trace passes through. */
  const traceNodes = computed(() => {
    const nodes = new Set<string>();
    for (const { hop } of steps.value) {
      const node = nodeOfNetns(topology.value, hop.namespace);
      if (node) nodes.add(node);
    }
    return nodes;
  });
  const summarized = computed(
    () => mode.value === 'summary' || (mode.value === 'auto' && needsSummary(topology.value)),
  );

  let refreshing: Promise<void> | undefined;
  let again = false;

  /** Fetches the topology; a call while one is under way makes one more fetch after it. */
  async function refresh(): Promise<void> {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        try {
          topology.value = await host().call('network.topology', {});
          topologyError.value = '';
        } catch (failure) {
          topologyError.value = hostErrorOf(failure).message;
        }
      } while (again);
    })();
    await refreshing;
    refreshing = undefined;
  }

  /** Keeps the topology current while the panel shows: fetched again when pods, Services or endpoints change. */
  function follow(): () => void {
    const services = cluster.acquire(SERVICES);
    const slices = cluster.acquire(ENDPOINT_SLICES);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopWatching = watch([() => cluster.pods, services.objects, slices.objects], () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void refresh();
      }, REFRESH_DELAY_MS);
    });
    void refresh();
    return () => {
      clearTimeout(timer);
      stopWatching();
      cluster.release(SERVICES);
      cluster.release(ENDPOINT_SLICES);
    };
  }

  /** Shows a trace from its first hop, with the rules fetched anew. */
  function show(result: NetworkTrace): void {
    rules.value = new Map();
    rulesError.value = '';
    trace.value = result;
    position.value = 0;
  }

  async function runTrace(): Promise<void> {
    pause();
    tracing.value = true;
    traceError.value = '';
    to.value = expandTarget(to.value.trim(), from.value, topology.value);
    try {
      show(await host().call('network.trace', { from: from.value, to: to.value }));
    } catch (failure) {
      traceError.value = hostErrorOf(failure).message;
    } finally {
      tracing.value = false;
    }
  }

  async function loadRequests(): Promise<void> {
    try {
      requests.value = (await host().call('network.requests', {})).items;
    } catch (failure) {
      traceError.value = hostErrorOf(failure).message;
    }
  }

  /** Walks a request a program sent (wget, curl, a DNS query…) as it was kept. */
  async function replay(id: number): Promise<void> {
    pause();
    traceError.value = '';
    try {
      const exchange = await host().call('network.request', { id });
      from.value = exchange.from;
      to.value = exchange.protocol === 'icmp' ? exchange.dst : `${exchange.dst}:${exchange.dstPort}`;
      show({
        phase: exchange.outcome === 'ok' ? 'Succeeded' : 'Failed',
        address: exchange.dst,
        protocol: exchange.protocol,
        port: exchange.dstPort,
        result: `${exchange.program}: ${exchange.outcome}`,
        lookups: [],
        hops: exchange.hops,
      });
    } catch (failure) {
      traceError.value = hostErrorOf(failure).message;
    }
  }

  function seek(index: number): void {
    position.value = Math.min(Math.max(index, 0), Math.max(steps.value.length - 1, 0));
  }

  function step(delta: number): void {
    if (delta < 0) pause();
    seek(position.value + delta);
  }

  let player: ReturnType<typeof setInterval> | undefined;

  function pause(): void {
    clearInterval(player);
    player = undefined;
    playing.value = false;
  }

  /** Plays the walk from the current hop (from the first when at the end), one hop per interval. */
  function play(): void {
    if (steps.value.length === 0) return;
    pause();
    if (position.value >= steps.value.length - 1) position.value = 0;
    playing.value = true;
    player = setInterval(() => {
      if (position.value >= steps.value.length - 1) pause();
      else position.value++;
    }, PLAY_INTERVAL_MS);
  }

  async function loadRules(node: string): Promise<void> {
    if (rules.value.has(node)) return;
    try {
      const answer = await host().call('network.rules', { node });
      rules.value = new Map([...rules.value, [node, answer]]);
      rulesError.value = '';
    } catch (failure) {
      rulesError.value = hostErrorOf(failure).message;
    }
  }

  watch(ruleNode, (node) => {
    if (node) void loadRules(node);
  });
  watch(withLookups, () => seek(0));

  function toggleNode(name: string): void {
    const next = new Set(unfolded.value);
    if (!next.delete(name)) next.add(name);
    unfolded.value = next;
  }

  /** Whether a node's pods show: always in the detail view; in the summary when unfolded or on the trace's way. */
  function podsShown(name: string): boolean {
    return !summarized.value || unfolded.value.has(name) || traceNodes.value.has(name);
  }

  return {
    topology,
    topologyError,
    from,
    to,
    trace,
    traceError,
    tracing,
    requests,
    withLookups,
    position,
    playing,
    rules,
    rulesError,
    mode,
    unfolded,
    steps,
    current,
    focus,
    visited,
    chosen,
    tunnel,
    crossing,
    focusNode,
    visitedNodes,
    ruleStep,
    ruleNode,
    summarized,
    refresh,
    follow,
    runTrace,
    loadRequests,
    replay,
    seek,
    step,
    play,
    pause,
    toggleNode,
    podsShown,
  };
});
