// kube-proxy on one node: watches Services and EndpointSlices through shared informers, and once both have synced
// programs the node after every change (at most two syncs at once, then one per --iptables-min-sync-period, and a
// periodic resync), handing each sync's result to the data plane's ProxyRulesSink. In iptables mode a sync is partial
// (only the Services changed since the last sync that applied get their chains rewritten) except at start, after a
// restore failed, and once per FullSyncPeriod; the IPVS proxier always syncs in full.

import type { KubeObject } from '../../api/object.ts';
import type { InformerFactory } from '../../client/informer-factory.ts';
import type { SharedInformer } from '../../client/informer.ts';
import type { Clock } from '../../lab/clock.ts';
import { BoundedFrequencyRunner } from './bounded-frequency-runner.ts';
import type { JumpRule } from './iptables-chains.ts';
import { IPTABLES_JUMP_RULES } from './iptables-chains.ts';
import { iptablesSync } from './iptables-rules.ts';
import { IPVS_JUMP_RULES } from './ipvs-iptables-rules.ts';
import type { IpvsState } from './ipvs-state.ts';
import { ipvsSync } from './ipvs-state.ts';
import {
  ChangeTriggerTimes,
  Histogram,
  NETWORK_PROGRAMMING_BUCKETS,
  lastChangeTriggerTime,
} from './network-programming-latency.ts';
import { buildProxierState, newProxierCaches } from './proxier-state.ts';
import type { ProxierState } from './proxier-state.ts';
import type { EndpointSlice, ProxierOptions, ProxyNode, Service } from './types.ts';

/** Where the rules go: the node's netfilter tables and IPVS, implemented by the data plane. */
export interface ProxyRulesSink {
  /** iptables-restore --noflush; whether it applied (a failed restore changes nothing). */
  applyIptables(restoreText: string): boolean;
  applyIpvs(state: IpvsState): void;
  /** The jump rules from the built-in chains, which kube-proxy inserts with `iptables -I` if missing. */
  ensureJumpRules?(rules: readonly JumpRule[]): void;
}

/** What kube-proxy uses of a shared informer. */
export type InformerSource = Pick<SharedInformer, 'addEventHandler' | 'start' | 'waitForSync'> & {
  indexer: { list(): KubeObject[] };
};

export interface KubeProxyInformers {
  services: InformerSource;
  endpointSlices: InformerSource;
}

/** --iptables-min-sync-period / --ipvs-min-sync-period default. */
export const DEFAULT_MIN_SYNC_PERIOD_MS = 1000;
/** proxyutil.FullSyncPeriod (iptables); the IPVS proxier resyncs every --ipvs-sync-period (30 s). */
const FULL_SYNC_PERIOD_MS: Record<ProxierOptions['mode'], number> = { iptables: 3_600_000, ipvs: 30_000 };
const BURST_SYNCS = 2;

export interface KubeProxyOptions {
  node: ProxyNode;
  clock: Clock;
  informers: KubeProxyInformers;
  sink: ProxyRulesSink;
  proxier: ProxierOptions;
  minSyncPeriodMs?: number;
}

export interface KubeProxyMetrics {
  networkProgrammingLatency: Histogram;
  syncs: number;
  /** iptables mode: the syncs sync_full_proxy_rules_duration_seconds and sync_partial_… count. */
  fullSyncs: number;
  partialSyncs: number;
  /** sync_proxy_rules_iptables_partial_restore_failures_total. */
  partialRestoreFailures: number;
  /** Clock time of the last sync that was applied. */
  lastSyncTime: number | undefined;
}

/** Services and EndpointSlices through the informers a node's components share. */
export function kubeProxyInformers(factory: InformerFactory): KubeProxyInformers {
  return {
    services: factory.informerFor({ group: '', version: 'v1', resource: 'services' }),
    endpointSlices: factory.informerFor({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' }),
  };
}

function serviceKeyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

function sliceServiceKeyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.labels?.['kubernetes.io/service-name'] ?? ''}`;
}

export class KubeProxy {
  readonly metrics: KubeProxyMetrics = {
    networkProgrammingLatency: new Histogram(NETWORK_PROGRAMMING_BUCKETS),
    syncs: 0,
    fullSyncs: 0,
    partialSyncs: 0,
    partialRestoreFailures: 0,
    lastSyncTime: undefined,
  };
  private readonly runner: BoundedFrequencyRunner;
  private readonly triggerTimes = new ChangeTriggerTimes();
  private readonly caches = newProxierCaches();
  private activeNatChains: Iterable<string> = [];
  /** The Services ("namespace/name") changed since the last sync. */
  private changedServices = new Set<string>();
  /** Set at start and after a failed restore: the next sync is a full one, which also ensures the jump rules. */
  private needFullSync = true;
  private lastFullSync = -Infinity;
  private initialized = false;
  private running = false;

  constructor(private readonly options: KubeProxyOptions) {
    this.runner = new BoundedFrequencyRunner(
      () => this.syncProxyRules(),
      options.clock,
      options.minSyncPeriodMs ?? DEFAULT_MIN_SYNC_PERIOD_MS,
      FULL_SYNC_PERIOD_MS[options.proxier.mode],
      BURST_SYNCS,
    );
    const { services, endpointSlices } = options.informers;
    const onService = (obj: KubeObject): void => this.changed(serviceKeyOf(obj), options.clock.now());
    services.addEventHandler({ onAdd: onService, onUpdate: (_, obj) => onService(obj), onDelete: onService });
    const onSlice = (obj: KubeObject): void =>
      this.changed(sliceServiceKeyOf(obj), lastChangeTriggerTime(obj.metadata.annotations) ?? options.clock.now());
    endpointSlices.addEventHandler({ onAdd: onSlice, onUpdate: (_, obj) => onSlice(obj), onDelete: onSlice });
  }

  /** Starts the informers, waits for both caches, then syncs once and keeps syncing on change. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const { services, endpointSlices } = this.options.informers;
    services.start();
    endpointSlices.start();
    await Promise.all([services.waitForSync(), endpointSlices.waitForSync()]);
    if (!this.running) return;
    this.initialized = true;
    this.runner.start();
    // OnServiceSynced / OnEndpointSlicesSynced: sync unconditionally once.
    this.syncProxyRules();
  }

  stop(): void {
    this.running = false;
    this.initialized = false;
    this.needFullSync = true;
    this.runner.stop();
  }

  private changed(service: string, at: number): void {
    this.triggerTimes.record(service, at);
    this.changedServices.add(service);
    if (this.initialized) this.runner.run();
  }

  /** One sync from the informer caches into the sink. */
  syncProxyRules(): void {
    if (!this.initialized) return;
    const { node, informers, sink, proxier, clock } = this.options;
    const state = buildProxierState(
      node,
      informers.services.indexer.list() as Service[],
      informers.endpointSlices.indexer.list() as unknown as EndpointSlice[],
      this.caches,
    );
    const changedServices = this.changedServices;
    this.changedServices = new Set();
    if (proxier.mode === 'ipvs') {
      if (this.needFullSync) sink.ensureJumpRules?.(IPVS_JUMP_RULES);
      const ipvs = ipvsSync(state, proxier);
      this.needFullSync = !sink.applyIptables(ipvs.restoreText);
      sink.applyIpvs(ipvs);
    } else {
      this.syncIptables(state, changedServices);
    }
    const now = clock.now();
    this.triggerTimes.flush(now, this.metrics.networkProgrammingLatency);
    this.metrics.syncs++;
    this.metrics.lastSyncTime = now;
  }

  /** A full sync when due (start, a failed restore, FullSyncPeriod), else a partial one. */
  private syncIptables(state: ProxierState, changedServices: ReadonlySet<string>): void {
    const { sink, proxier, clock } = this.options;
    const start = clock.now();
    const full = this.needFullSync || start - this.lastFullSync >= FULL_SYNC_PERIOD_MS.iptables;
    if (full) sink.ensureJumpRules?.(IPTABLES_JUMP_RULES);
    const result = iptablesSync(state, proxier, this.activeNatChains, full ? undefined : changedServices);
    const applied = sink.applyIptables(result.restoreText);
    if (full) this.metrics.fullSyncs++;
    else this.metrics.partialSyncs++;
    this.needFullSync = !applied;
    if (!applied) {
      if (!full) this.metrics.partialRestoreFailures++;
      return;
    }
    this.activeNatChains = result.activeNatChains;
    if (full) this.lastFullSync = start;
  }
}
