// A simulated kubelet: registers its Node, renews its Lease and reports node status every ten seconds (one timer
// per kubelet), watches the pods bound to its node (an indexed watch), runs each in a pod worker on the simulated
// container runtime, runs its static pods and keeps their mirror pods, answers logs, exec and attach for the API
// server, and reports resource use. stop() is the node going down: heartbeats stop, containers are lost; start()
// again is the node coming back (a reboot).

import type { KubeObject } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import { EventRecorder } from '../../client/event-recorder.ts';
import { SharedInformer } from '../../client/informer.ts';
import type { Clock, Timer } from '../../lab/clock.ts';
import { Quantity } from '../../api/quantity.ts';
import type { KubeletApi } from '../kubelet-api.ts';
import { ContainerRuntime } from '../runtime/container-runtime.ts';
import { labDelay } from '../runtime/lab-delay.ts';
import { DEFAULT_RUNTIME_TIMINGS } from '../runtime/runtime-timings.ts';
import { Backoff } from './backoff.ts';
import type { EnvSources } from './container-env.ts';
import { ImageManager } from './image-manager.ts';
import { apiVolumePlugins } from './api-volume-plugins.ts';
import { DEFAULT_EVENT_LIMITS, KubeletEvents } from './kubelet-events.ts';
import type { KubeletOptions } from './kubelet-options.ts';
import { DEFAULT_CLUSTER_DOMAIN, DEFAULT_KERNEL_VERSION, DEFAULT_OS_IMAGE, PAUSE_IMAGE } from './kubelet-options.ts';
import { programPortDialer } from '../runtime/ports/pod-port-dialer.ts';
import { KubeletServer } from './kubelet-server.ts';
import { LEASE_RENEW_INTERVAL_MS, NodeLease } from './node-lease.ts';
import { allocatableOf, bootIdOf } from './node-object.ts';
import type { NodeIdentity } from './node-object.ts';
import { NodeStatusReporter } from './node-status-reporter.ts';
import { DEFAULT_SYSTEM_USAGE, SUMMARY_WINDOW_SECONDS, podUsage } from './node-summary.ts';
import type { NodeSummary } from './node-summary.ts';
import type { NodeAllocatable } from './pod-admission.ts';
import type { DnsSettings } from './pod-etc-files.ts';
import { PodStatusManager } from './pod-status-manager.ts';
import type { PodSpec } from './pod-types.ts';
import { PodWorker } from './pod-worker.ts';
import type { PodWorkerHost } from './pod-worker.ts';
import { CONFIG_MIRROR, isMirrorPod, mirrorPodOf, staticPodFromManifest } from './static-pods.ts';
import type { VolumePlugin } from './volume-plugins.ts';
import { emptyDirPlugin } from './volume-plugins.ts';
import type { ContainerFilesystem } from '../images/program.ts';
import { hostPathPlugin } from './host-path-plugin.ts';
import { nodeRootFilesystem } from './node-root.ts';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const RESTART_BACKOFF_INITIAL_MS = 10_000;
const RESTART_BACKOFF_MAX_MS = 300_000;
const REGISTER_RETRY_MS = 1000;
/** How soon to ask for the Node again while it has no pod CIDR and pods wait for one. */
const POD_CIDR_RETRY_MS = 1000;

function keyOf(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

export class Kubelet implements PodWorkerHost {
  readonly api: KubeletApi;
  readonly clock: Clock;
  readonly nodeName: string;
  readonly runtime: ContainerRuntime;
  readonly images: ImageManager;
  readonly events: KubeletEvents;
  readonly statuses: PodStatusManager;
  readonly envSources: EnvSources;
  readonly dns: DnsSettings;
  readonly volumePlugins: readonly VolumePlugin[];
  restartBackoff = new Backoff(RESTART_BACKOFF_INITIAL_MS, RESTART_BACKOFF_MAX_MS);
  private readonly identity: NodeIdentity;
  /** The node's root filesystem, made when a pod first mounts part of it (hostPath). */
  private root: ContainerFilesystem | undefined;
  private readonly reporter: NodeStatusReporter;
  private readonly lease: NodeLease;
  /** Pod workers by the pod's UID (the static pod's own UID for static pods). */
  private readonly workers = new Map<string, PodWorker>();
  /** The same, by namespace/name (for logs, exec and attach). */
  private readonly byName = new Map<string, PodWorker>();
  /** Mirror pods by the UID of their static pod. */
  private readonly mirrors = new Map<string, KubeObject>();
  private readonly mirrorsCreating = new Set<string>();
  private informer: SharedInformer | undefined;
  private heartbeat: Timer | undefined;
  private running = false;
  private boots = 0;
  private cidrRequested = -Infinity;
  private readonly allocatableValue: NodeAllocatable;

  constructor(private readonly options: KubeletOptions) {
    this.clock = options.clock;
    this.nodeName = options.nodeName;
    this.runtime = new ContainerRuntime({
      clock: options.clock,
      nodeName: options.nodeName,
      nodeIP: options.nodeIP,
      timings: { ...DEFAULT_RUNTIME_TIMINGS, ...options.timings },
      images: options.images,
      network: options.network,
      cluster: options.cluster,
    });
    this.runtime.images.preload([PAUSE_IMAGE, ...(options.preloadedImages ?? [])]);
    this.runtime.setPodCIDR(options.podCIDR);
    this.events = new KubeletEvents(
      new EventRecorder(options.client, options.clock, { component: 'kubelet', host: options.nodeName }),
      options.clock,
      {
        qps: options.eventRecordQPS ?? DEFAULT_EVENT_LIMITS.qps,
        burst: options.eventBurst ?? DEFAULT_EVENT_LIMITS.burst,
      },
    );
    this.images = new ImageManager(this.runtime.images, options.clock, this.events);
    this.statuses = new PodStatusManager(options.client, options.clock);
    this.dns = { clusterDNS: options.clusterDNS ?? [], clusterDomain: options.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN };
    this.envSources = {
      configMap: (namespace, name) => this.read(`/api/v1/namespaces/${namespace}/configmaps/${name}`),
      secret: (namespace, name) => this.read(`/api/v1/namespaces/${namespace}/secrets/${name}`),
      services: options.services ?? (() => []),
    };
    const fromApi = options.apiVolumes
      ? apiVolumePlugins({
          configMap: this.envSources.configMap,
          secret: this.envSources.secret,
          serviceAccountToken: (pod, audience, expirationSeconds) =>
            this.requestToken(pod, audience, expirationSeconds),
        })
      : [];
    const netns = () => this.runtime.listing.netnsNames();
    const root = () =>
      (this.root ??= nodeRootFilesystem({
        name: options.nodeName,
        ip: options.nodeIP,
        netns,
        networkFiles: () => this.runtime.network.configFiles?.() ?? {},
        staticPods: options.staticPods,
      }));
    this.volumePlugins = [emptyDirPlugin, hostPathPlugin(root), ...fromApi, ...(options.volumePlugins ?? [])];
    this.identity = {
      name: options.nodeName,
      ip: options.nodeIP,
      labels: options.labels ?? {},
      taints: options.taints ?? [],
      capacity: options.capacity,
      reserved: options.reserved ?? {},
      osImage: options.osImage ?? DEFAULT_OS_IMAGE,
      kernelVersion: options.kernelVersion ?? DEFAULT_KERNEL_VERSION,
      bootID: bootIdOf(options.nodeName, 0),
    };
    const allocatable = allocatableOf(options.capacity, this.identity.reserved);
    this.allocatableValue = {
      cpuMillis: Quantity.parse(allocatable['cpu'] ?? '0').milliValue(),
      memoryBytes: Quantity.parse(allocatable['memory'] ?? '0').value(),
      pods: Number(allocatable['pods'] ?? 0),
    };
    this.reporter = new NodeStatusReporter(options.client, options.clock, this.events, this.identity, () =>
      this.runtime.images.nodeStatusImages(),
    );
    this.runtime.images.onChange(() => this.reporter.markDirty());
    this.lease = new NodeLease(options.client, options.clock, options.nodeName, () => this.reporter.node?.metadata.uid);
    this.api = new KubeletServer({
      clock: options.clock,
      nodeIP: options.nodeIP,
      running: () => this.running,
      pod: (namespace, name) => this.byName.get(keyOf(namespace, name)),
      dialer: options.podPortDialer ?? programPortDialer,
    });
  }

  /** Starts the node (again, after stop()): registers, heartbeats, watches its pods, runs its static pods. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.identity.bootID = bootIdOf(this.nodeName, this.boots++);
    this.restartBackoff = new Backoff(RESTART_BACKOFF_INITIAL_MS, RESTART_BACKOFF_MAX_MS);
    this.statuses.start();
    this.lease.reset();
    this.events.node(this.nodeName, 'Normal', 'Starting', 'Starting kubelet.');
    await this.register();
    if (!this.running) return;
    this.events.node(this.nodeName, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    void this.lease.renew();
    this.heartbeat = this.clock.setInterval(() => this.tick(), LEASE_RENEW_INTERVAL_MS);
    for (const worker of this.workers.values()) worker.resume();
    this.startStaticPods();
    const informer = new SharedInformer(this.options.client, this.clock, PODS, {
      fieldSelector: `spec.nodeName=${this.nodeName}`,
    });
    informer.addEventHandler({
      onAdd: (pod) => this.podSeen(pod),
      onUpdate: (_old, pod) => this.podSeen(pod),
      onDelete: (pod) => this.podGone(pod),
    });
    this.informer = informer;
    informer.start();
    await informer.waitForSync();
    this.removeVanishedPods(informer);
  }

  /** The node goes down: no more heartbeats or status, every container is lost. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.heartbeat?.cancel();
    this.heartbeat = undefined;
    this.informer?.stop();
    this.informer = undefined;
    this.statuses.stop();
    for (const worker of this.workers.values()) worker.halt();
    this.runtime.loseAll();
    this.mirrors.clear();
  }

  /** CPU and memory in use now, per pod and container and for the node. */
  summary(): NodeSummary {
    const pods = [];
    let cpuMillis = 0;
    let memoryBytes = 0;
    if (this.running) {
      for (const worker of this.workers.values()) {
        const containers = worker.usage();
        if (containers.length === 0) continue;
        const target = this.statusObject(worker) ?? worker.pod;
        const usage = podUsage(
          {
            namespace: target.metadata.namespace ?? '',
            name: target.metadata.name ?? '',
            uid: target.metadata.uid ?? '',
          },
          containers,
        );
        pods.push(usage);
        cpuMillis += usage.cpuMillis;
        memoryBytes += usage.memoryBytes;
      }
      const system = this.options.systemUsage ?? DEFAULT_SYSTEM_USAGE;
      cpuMillis += system.cpuMillis;
      memoryBytes += system.memoryBytes;
    }
    return {
      nodeName: this.nodeName,
      timestamp: this.clock.now(),
      windowSeconds: SUMMARY_WINDOW_SECONDS,
      node: { cpuMillis, memoryBytes },
      pods,
    };
  }

  // PodWorkerHost

  nodeIP(): string {
    return this.options.nodeIP;
  }

  allocatable(): NodeAllocatable {
    return this.allocatableValue;
  }

  statusObject(worker: PodWorker): KubeObject | undefined {
    if (!worker.isStatic) return worker.pod;
    const mirror = this.mirrors.get(worker.uid);
    if (!mirror) void this.createMirror(worker);
    return mirror;
  }

  admittedPods(except: PodWorker): PodSpec[] {
    const specs: PodSpec[] = [];
    for (const worker of this.workers.values()) if (worker !== except && worker.active) specs.push(worker.spec);
    return specs;
  }

  finished(worker: PodWorker): void {
    if (this.workers.get(worker.uid) === worker) this.workers.delete(worker.uid);
    this.runtime.removePodSandboxes(worker.uid);
    const key = keyOf(worker.pod.metadata.namespace, worker.pod.metadata.name);
    if (this.byName.get(key) === worker) this.byName.delete(key);
    this.statuses.forget(worker.uid);
  }

  private async register(): Promise<void> {
    while (this.running) {
      try {
        const node = await this.reporter.register();
        this.podCIDRFrom(node);
        return;
      } catch {
        await labDelay(this.clock, REGISTER_RETRY_MS);
      }
    }
  }

  /** Every ten seconds: renew the lease, report the node status when due, check memory limits, find the pod CIDR. */
  private tick(): void {
    void this.lease.renew();
    void this.reporter.report().then(
      () => this.podCIDRFrom(this.reporter.node),
      () => undefined,
    );
    for (const worker of this.workers.values()) worker.enforceMemoryLimits();
    if (!this.runtime.networkReady) this.requestPodCIDR();
  }

  /** The IPAM sets spec.podCIDR soon after the Node is created: read it while pods wait for the network. */
  private requestPodCIDR(): void {
    const now = this.clock.now();
    if (now - this.cidrRequested < POD_CIDR_RETRY_MS) return;
    this.cidrRequested = now;
    void this.reporter.refresh().then(
      (node) => this.podCIDRFrom(node),
      () => undefined,
    );
  }

  private podCIDRFrom(node: KubeObject | undefined): void {
    const cidr = (node?.['spec'] as { podCIDR?: string } | undefined)?.podCIDR;
    if (!cidr || cidr === this.runtime.podCIDR) return;
    const wasReady = this.runtime.networkReady;
    this.runtime.setPodCIDR(cidr);
    if (!wasReady && this.runtime.networkReady) for (const worker of this.workers.values()) worker.kick();
  }

  private podSeen(pod: KubeObject): void {
    if (!this.running) return;
    if (isMirrorPod(pod)) return this.mirrorSeen(pod);
    const uid = pod.metadata.uid ?? '';
    const worker = this.workers.get(uid);
    if (worker) {
      worker.update(pod);
      this.statuses.observe(pod);
      return;
    }
    const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const created = new PodWorker(this, pod, false);
    this.workers.set(uid, created);
    this.byName.set(keyOf(pod.metadata.namespace, pod.metadata.name), created);
    if (!this.runtime.networkReady && !(pod['spec'] as PodSpec | undefined)?.hostNetwork) this.requestPodCIDR();
    created.kick();
  }

  /** Pods this node ran that the API no longer has (deleted while it was down) are stopped and forgotten. */
  private removeVanishedPods(informer: SharedInformer): void {
    const present = new Set(informer.indexer.list().map((pod) => pod.metadata.uid));
    for (const worker of this.workers.values()) if (!worker.isStatic && !present.has(worker.uid)) worker.remove();
  }

  private podGone(pod: KubeObject): void {
    if (!this.running) return;
    if (isMirrorPod(pod)) {
      const staticUid = pod.metadata.annotations?.[CONFIG_MIRROR] ?? '';
      if (this.mirrors.get(staticUid)?.metadata.uid === pod.metadata.uid) this.mirrors.delete(staticUid);
      this.workers.get(staticUid)?.kick();
      return;
    }
    this.workers.get(pod.metadata.uid ?? '')?.remove();
  }

  private mirrorSeen(mirror: KubeObject): void {
    const staticUid = mirror.metadata.annotations?.[CONFIG_MIRROR] ?? '';
    const worker = this.workers.get(staticUid);
    // A mirror pod of no static pod here, or one being deleted, goes at once; the next sync creates a new one.
    if (!worker?.isStatic || mirror.metadata.deletionTimestamp) {
      if (this.mirrors.get(staticUid)?.metadata.uid === mirror.metadata.uid) this.mirrors.delete(staticUid);
      void this.client
        .request('DELETE', `/api/v1/namespaces/${mirror.metadata.namespace}/pods/${mirror.metadata.name}`, {
          body: { gracePeriodSeconds: 0, preconditions: { uid: mirror.metadata.uid } },
        })
        .catch(() => undefined);
      return;
    }
    const known = this.mirrors.get(staticUid);
    this.mirrors.set(staticUid, mirror);
    if (known?.metadata.uid !== mirror.metadata.uid) worker.kick();
    else this.statuses.observe(mirror);
  }

  private get client() {
    return this.options.client;
  }

  private startStaticPods(): void {
    for (const manifest of this.options.staticPods ?? []) {
      const pod = staticPodFromManifest(manifest, this.nodeName, this.clock.now());
      const uid = pod.metadata.uid ?? '';
      if (this.workers.has(uid)) continue;
      const worker = new PodWorker(this, pod, true);
      this.workers.set(uid, worker);
      this.byName.set(keyOf(pod.metadata.namespace, pod.metadata.name), worker);
      worker.kick();
    }
  }

  private async createMirror(worker: PodWorker): Promise<void> {
    const node = this.reporter.node;
    if (!this.running || !node?.metadata.uid || this.mirrorsCreating.has(worker.uid)) return;
    this.mirrorsCreating.add(worker.uid);
    try {
      const mirror = mirrorPodOf(worker.pod, { name: this.nodeName, uid: node.metadata.uid });
      const created = (await this.client.request('POST', `/api/v1/namespaces/${worker.pod.metadata.namespace}/pods`, {
        body: mirror,
      })) as KubeObject;
      if (this.running && !this.mirrors.has(worker.uid)) this.mirrorSeen(created);
    } catch (error) {
      if (!isStatusError(error, 'AlreadyExists')) this.clock.setTimeout(() => worker.kick(), REGISTER_RETRY_MS);
    } finally {
      this.mirrorsCreating.delete(worker.uid);
    }
  }

  /** A token bound to the pod for its ServiceAccount, from the TokenRequest API. */
  private async requestToken(
    pod: KubeObject,
    audience: string | undefined,
    expirationSeconds: number,
  ): Promise<string> {
    const namespace = pod.metadata.namespace ?? 'default';
    const serviceAccount = (pod['spec'] as PodSpec | undefined)?.serviceAccountName || 'default';
    const request = (await this.client.request(
      'POST',
      `/api/v1/namespaces/${namespace}/serviceaccounts/${serviceAccount}/token`,
      {
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          spec: {
            audiences: audience ? [audience] : [],
            expirationSeconds,
            boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid },
          },
        },
      },
    )) as { status?: { token?: string } };
    return request.status?.token ?? '';
  }

  private async read(path: string): Promise<KubeObject | undefined> {
    try {
      return (await this.client.request('GET', path)) as KubeObject;
    } catch (error) {
      if (isStatusError(error, 'NotFound')) return undefined;
      throw error;
    }
  }
}
