// The network-policy agent of one node (kube-router's network policy controller): watches Pods, Namespaces and
// NetworkPolicies through shared informers and, once all three have synced, rewrites the node's policy chains in the
// filter table after every relevant change (at most two syncs at once, then one per minSyncPeriodMs, and a full
// sync every syncPeriodMs as kube-router's --iptables-sync-period), handing the text to the sink. Every sync is a
// full sync; the jump rules from INPUT/FORWARD/OUTPUT are ensured on each, as kube-router ensures its top-level chains.

import type { KubeObject } from '../../api/object.ts';
import type { InformerFactory } from '../../client/informer-factory.ts';
import type { Clock } from '../../lab/clock.ts';
import { BoundedFrequencyRunner } from '../kube-proxy/bounded-frequency-runner.ts';
import type { JumpRule } from '../kube-proxy/iptables-chains.ts';
import type { InformerSource } from '../kube-proxy/kube-proxy.ts';
import { NETWORK_POLICY_JUMP_RULES } from './chains.ts';
import { networkPolicySync } from './network-policy-rules.ts';
import type { Namespace, NetworkPolicy, NetworkPolicyRuleOptions, Pod } from './types.ts';

/** Where the rules go: the node's filter table, implemented by the data plane. */
export interface NetworkPolicyRulesSink {
  /** `iptables-restore --noflush` of filter-table text. */
  applyIptables(restoreText: string): void;
  /** Each rule at the top of its built-in chain: inserted at position 1 unless it is already there. */
  ensureJumpRules(rules: readonly JumpRule[]): void;
}

export interface NetworkPolicyInformers {
  pods: InformerSource;
  namespaces: InformerSource;
  networkPolicies: InformerSource;
}

export interface NetworkPolicyAgentOptions {
  /** The node the agent runs on: only its pods are filtered here. */
  nodeName: string;
  clock: Clock;
  informers: NetworkPolicyInformers;
  sink: NetworkPolicyRulesSink;
  rules?: NetworkPolicyRuleOptions;
  /** Default 1 s. */
  minSyncPeriodMs?: number;
  /** kube-router's --iptables-sync-period; default 5 min. */
  syncPeriodMs?: number;
}

export const DEFAULT_MIN_SYNC_PERIOD_MS = 1000;
export const DEFAULT_SYNC_PERIOD_MS = 300_000;
const BURST_SYNCS = 2;

/** Pods, Namespaces and NetworkPolicies through the informers a node's components share. */
export function networkPolicyInformers(factory: InformerFactory): NetworkPolicyInformers {
  return {
    pods: factory.informerFor({ group: '', version: 'v1', resource: 'pods' }),
    namespaces: factory.informerFor({ group: '', version: 'v1', resource: 'namespaces' }),
    networkPolicies: factory.informerFor({ group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' }),
  };
}

/** isPodUpdateNetPolRelevant: phase, IP, node, labels (and the named ports the rules resolve). */
function podChanged(old: KubeObject, pod: KubeObject): boolean {
  const view = (p: Pod) => [p.status?.phase, p.status?.podIP, p.spec?.nodeName, p.metadata.labels, p.spec?.containers];
  return JSON.stringify(view(old as Pod)) !== JSON.stringify(view(pod as Pod));
}

function labelsChanged(old: KubeObject, obj: KubeObject): boolean {
  return JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(obj.metadata.labels ?? {});
}

export class NetworkPolicyAgent {
  /** How many syncs were applied, and when the last one was (clock time). */
  readonly metrics = { syncs: 0, lastSyncTime: undefined as number | undefined };
  private readonly runner: BoundedFrequencyRunner;
  private activeChains: Iterable<string> = [];
  private initialized = false;
  private running = false;

  constructor(private readonly options: NetworkPolicyAgentOptions) {
    this.runner = new BoundedFrequencyRunner(
      () => this.sync(),
      options.clock,
      options.minSyncPeriodMs ?? DEFAULT_MIN_SYNC_PERIOD_MS,
      options.syncPeriodMs ?? DEFAULT_SYNC_PERIOD_MS,
      BURST_SYNCS,
    );
    const changed = (): void => this.requestSync();
    const { pods, namespaces, networkPolicies } = options.informers;
    pods.addEventHandler({
      onAdd: changed,
      onUpdate: (old, pod) => podChanged(old, pod) && changed(),
      onDelete: changed,
    });
    namespaces.addEventHandler({
      onAdd: changed,
      onUpdate: (old, ns) => labelsChanged(old, ns) && changed(),
      onDelete: changed,
    });
    networkPolicies.addEventHandler({ onAdd: changed, onUpdate: changed, onDelete: changed });
  }

  /** Starts the informers, waits for their caches, then syncs once and keeps syncing on change. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const informers = Object.values(this.options.informers);
    for (const informer of informers) informer.start();
    await Promise.all(informers.map((informer) => informer.waitForSync()));
    if (!this.running) return;
    this.initialized = true;
    this.runner.start();
    this.sync();
  }

  stop(): void {
    this.running = false;
    this.initialized = false;
    this.runner.stop();
  }

  private requestSync(): void {
    if (this.initialized) this.runner.run();
  }

  /** One full sync from the informer caches into the sink. */
  sync(): void {
    if (!this.initialized) return;
    const { nodeName, informers, sink, rules, clock } = this.options;
    const result = networkPolicySync(
      {
        nodeName,
        pods: informers.pods.indexer.list() as Pod[],
        namespaces: informers.namespaces.indexer.list() as Namespace[],
        policies: informers.networkPolicies.indexer.list() as NetworkPolicy[],
      },
      rules,
      this.activeChains,
    );
    sink.applyIptables(result.restoreText);
    sink.ensureJumpRules(NETWORK_POLICY_JUMP_RULES);
    this.activeChains = result.activeChains;
    this.metrics.syncs++;
    this.metrics.lastSyncTime = clock.now();
  }
}
