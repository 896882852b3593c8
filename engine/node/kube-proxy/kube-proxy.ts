// kube-proxy on one node: watches Services and EndpointSlices through shared informers, and once both have synced
// programs the node after every change (at most two syncs at once, then one per --iptables-min-sync-period, and a
// periodic full sync), handing each sync's result to the data plane's ProxyRulesSink. Every sync is a full sync.

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
import type { EndpointSlice, ProxierOptions, ProxyNode, Service } from './types.ts';

/** Where the rules go: the node's netfilter tables and IPVS, implemented by the data plane. */
export interface ProxyRulesSink {
  applyIptables(restoreText: string): void;
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
    lastSyncTime: undefined,
  };
  private readonly runner: BoundedFrequencyRunner;
  private readonly triggerTimes = new ChangeTriggerTimes();
  private readonly caches = newProxierCaches();
  private activeNatChains: Iterable<string> = [];
  private needJumpRules = true;
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
    this.needJumpRules = true;
    this.runner.stop();
  }

  private changed(service: string, at: number): void {
    this.triggerTimes.record(service, at);
    if (this.initialized) this.runner.run();
  }

  /** One full sync from the informer caches into the sink. */
  syncProxyRules(): void {
    if (!this.initialized) return;
    const { node, informers, sink, proxier, clock } = this.options;
    const state = buildProxierState(
      node,
      informers.services.indexer.list() as Service[],
      informers.endpointSlices.indexer.list() as unknown as EndpointSlice[],
      this.caches,
    );
    if (proxier.mode === 'ipvs') {
      if (this.needJumpRules) sink.ensureJumpRules?.(IPVS_JUMP_RULES);
      const ipvs = ipvsSync(state, proxier);
      sink.applyIptables(ipvs.restoreText);
      sink.applyIpvs(ipvs);
    } else {
      if (this.needJumpRules) sink.ensureJumpRules?.(IPTABLES_JUMP_RULES);
      const result = iptablesSync(state, proxier, this.activeNatChains);
      sink.applyIptables(result.restoreText);
      this.activeNatChains = result.activeNatChains;
    }
    this.needJumpRules = false;
    const now = clock.now();
    this.triggerTimes.flush(now, this.metrics.networkProgrammingLatency);
    this.metrics.syncs++;
    this.metrics.lastSyncTime = now;
  }
}
