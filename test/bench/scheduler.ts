// `npm run bench -- scheduler [--nodes 5000] [--pods 20000]`: the scheduler's throughput, as upstream's
// scheduler_perf measures it. An in-process cluster (API server, store, controller manager; no kubelets) gets the
// Nodes — as kubelets register them — and the pending pods through the API; then the scheduler starts, with its
// decision log, and the pods bound per second are measured until every pod has a node. Pods request cpu and
// memory so NodeResourcesFit and BalancedAllocation do real work; they fit, so no cycle ends in preemption.

import { EventRecorder } from '../../engine/client/event-recorder.ts';
import { InformerFactory } from '../../engine/client/informer-factory.ts';
import type { InProcessClient } from '../../engine/client/in-process-client.ts';
import { Cluster } from '../../engine/cluster/cluster.ts';
import { VirtualClock } from '../../engine/lab/clock.ts';
import { DecisionLog } from '../../engine/scheduler/decision-log.ts';
import { Scheduler } from '../../engine/scheduler/scheduler.ts';

const NODES = { group: '', version: 'v1', resource: 'nodes' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const NAMESPACE = 'bench';
/** Concurrent creates while filling the cluster. */
const CREATE_CONCURRENCY = 64;
/** How often progress is sampled while pods are being scheduled. */
const SAMPLE_MS = 1000;
/** Samples without progress after which the run is declared stuck. */
const STALL_SAMPLES = 30;

const SCHEDULER_USER = { username: 'system:kube-scheduler', groups: ['system:authenticated', 'system:masters'] };

function argument(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function node(i: number) {
  const name = `node-${i}`;
  const resources = { cpu: '32', memory: '256Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': `zone-${i % 3}`,
      },
    },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
    },
  };
}

function pod(i: number) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: NAMESPACE, labels: { app: `app-${i % 100}` } },
    spec: {
      containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
    },
  };
}

/** Runs `count` creates, `CREATE_CONCURRENCY` at a time. */
async function createAll(count: number, create: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await create(next++);
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
}

/**
 * Counts the pods that have a node, from a list and then a watch (re-listing if the watch ends), and samples the
 * count every second. Fails when the count stops moving for `STALL_SAMPLES` seconds, saying where the pods wait.
 */
class BindingCounter {
  readonly samples: number[] = [];
  private readonly bound = new Set<string>();
  private readonly endReasons: string[] = [];
  private done: (error?: Error) => void = () => undefined;
  private readonly finished = new Promise<void>((resolve, reject) => {
    this.done = (error) => (error ? reject(error) : resolve());
  });
  private timer: ReturnType<typeof setInterval> | undefined;
  private stream: Awaited<ReturnType<InProcessClient['watch']>> | undefined;
  private stopped = false;

  constructor(
    private readonly client: InProcessClient,
    private readonly expected: number,
    private readonly describeQueue: () => string,
  ) {}

  async start(): Promise<void> {
    await this.listAndWatch();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  /** Resolves with the bound count once every expected pod is bound. */
  async wait(): Promise<number> {
    try {
      await this.finished;
      return this.bound.size;
    } finally {
      this.stopped = true;
      clearInterval(this.timer);
      this.stream?.close();
    }
  }

  private count(pod: { metadata: { uid?: string }; spec?: { nodeName?: string } }): void {
    if (!pod.spec?.nodeName) return;
    this.bound.add(pod.metadata.uid ?? '');
    if (this.bound.size >= this.expected) this.done();
  }

  private async listAndWatch(): Promise<void> {
    const list = await this.client.list(PODS, NAMESPACE);
    for (const pod of list.items) this.count(pod as never);
    const stream = await this.client.watch(PODS, NAMESPACE, { resourceVersion: list.metadata.resourceVersion });
    this.stream = stream;
    stream.attach({
      event: (e) => {
        if (e.type === 'MODIFIED' || e.type === 'ADDED') this.count(e.object as never);
      },
      end: (reason) => {
        if (this.stopped) return;
        this.endReasons.push(reason ?? 'ended');
        this.listAndWatch().catch((error: unknown) => this.done(error as Error));
      },
    });
  }

  private sample(): void {
    this.samples.push(this.bound.size);
    const recent = this.samples.slice(-STALL_SAMPLES);
    if (recent.length === STALL_SAMPLES && recent[0] === recent[recent.length - 1]) {
      const ends = this.endReasons.length ? `; watch ended: ${this.endReasons.join(', ')}` : '';
      this.done(
        new Error(`stalled at ${this.bound.size}/${this.expected} bound; queue ${this.describeQueue()}${ends}`),
      );
    }
  }
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const numNodes = argument(args, 'nodes', 5000);
  const numPods = argument(args, 'pods', 20_000);
  const clock = new VirtualClock();
  // In-process requests wait on lab-clock timers that do not hold the process open (informer syncs in admission).
  const keepAlive = setInterval(() => undefined, SAMPLE_MS);
  const cluster = await Cluster.start({ clock });
  try {
    const client = cluster.clientFor(SCHEDULER_USER, 'kube-scheduler');
    await client.create({ group: '', version: 'v1', resource: 'namespaces' }, '', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    });
    let started = performance.now();
    await createAll(numNodes, (i) => client.create(NODES, '', node(i)));
    const nodesCreatedSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await createAll(numPods, (i) => client.create(PODS, NAMESPACE, pod(i)));
    const podsCreatedSeconds = (performance.now() - started) / 1000;
    console.error(
      `created ${numNodes} nodes in ${nodesCreatedSeconds.toFixed(1)} s, ${numPods} pods in ${podsCreatedSeconds.toFixed(1)} s`,
    );

    const informers = new InformerFactory(client, clock);
    const decisions = new DecisionLog();
    const scheduler = new Scheduler({
      client,
      clock,
      informers,
      recorder: new EventRecorder(client, clock, { component: 'default-scheduler' }),
      decisions,
    });
    started = performance.now();
    informers.start();
    await informers.waitForSync();
    const syncSeconds = (performance.now() - started) / 1000;
    const counter = new BindingCounter(client, numPods, () => JSON.stringify(scheduler.queue.sizes));
    await counter.start();
    started = performance.now();
    const cpuBefore = process.cpuUsage();
    scheduler.run();
    const bound = await counter.wait();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    scheduler.stop();
    informers.stop();
    const perSecond = counter.samples.map((n, i) => n - (counter.samples[i - 1] ?? 0));
    console.error(`bound per second: ${perSecond.join(' ')}`);
    return {
      nodes: numNodes,
      pods: bound,
      nodesCreatedSeconds: round(nodesCreatedSeconds),
      podsCreatedSeconds: round(podsCreatedSeconds),
      informerSyncSeconds: round(syncSeconds),
      secondsToAllBound: round(seconds),
      schedulerPodsPerSecond: Math.round(bound / seconds),
      // The process's CPU time meanwhile (API server included): what the figure would be with a core to itself.
      cpuSecondsToAllBound: round(cpuSeconds),
      podsPerCpuSecond: Math.round(bound / cpuSeconds),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      decisionsKept: decisions.size,
    };
  } finally {
    clearInterval(keepAlive);
    await cluster.close();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
