// `npm run bench -- scale --nodes N --pods M [--per-deployment K]`: starts a lab with N worker nodes in this process,
// waits until they are Ready and run their kube-proxy pods, creates Deployments totalling M pods through the API (K
// replicas each, default 1,000), and runs until every Deployment reports all its replicas ready (its pods Running and
// Ready). Reports how long that took, the pod throughput end to end and of the scheduler alone (first to last
// binding), the CPU time of both phases (which, unlike wall time, a busy machine does not inflate), and the peak
// resident memory.

import type { KubeObject } from '../../engine/api/object.ts';
import { StatusError } from '../../engine/apiserver/errors/status-error.ts';
import { Cluster } from '../../engine/cluster/cluster.ts';
import { VirtualClock } from '../../engine/lab/clock.ts';

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const DAEMONSETS = { group: 'apps', version: 'v1', resource: 'daemonsets' };
const NAMESPACE = 'scale';

function deployment(name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10' }] },
      },
    },
  };
}

/** User and system CPU time between two process.cpuUsage() readings, which wall time on a shared machine is not. */
const cpuSeconds = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number =>
  Number(((to.user - from.user + to.system - from.system) / 1e6).toFixed(2));

const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;

/** Lists, asking again while the watch cache is too far behind to answer in time (a 504 on a loaded machine). */
async function listWhenFresh(cluster: Cluster, gvr: typeof DEPLOYMENTS, namespace: string) {
  for (;;) {
    try {
      return await cluster.loopback.list(gvr, namespace);
    } catch (error) {
      if (!(error instanceof StatusError && error.code === 504)) throw error;
    }
  }
}

/** Waits until every kube-system DaemonSet (kube-proxy) runs a Ready pod on each of the cluster's `nodes` nodes. */
async function daemonSetsRolledOut(cluster: Cluster, nodes: number): Promise<void> {
  for (;;) {
    const list = await listWhenFresh(cluster, DAEMONSETS, 'kube-system');
    const done = list.items.every((ds) => {
      const status = (ds['status'] ?? {}) as { desiredNumberScheduled?: number; numberReady?: number };
      return status.desiredNumberScheduled === nodes && status.numberReady === nodes;
    });
    if (done) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const nodes = flag(args, 'nodes', 100);
  const pods = flag(args, 'pods', 3000);
  const perDeployment = flag(args, 'per-deployment', 1000);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const cluster = await Cluster.start({
    clock: new VirtualClock(),
    nodes,
    // A /24 per node: 10.244.0.0/16 holds 256 nodes, so a large lab takes its pod ranges from a larger block.
    config: nodes > 250 ? { podCIDR: '10.0.0.0/8' } : {},
    // The control loop is measured: no data plane (every node would route to every other).
    network: false,
  });
  try {
    await cluster.waitUntilReady(600_000);
    await daemonSetsRolledOut(cluster, nodes + 1);
    const secondsToNodesReady = (performance.now() - started) / 1000;
    const cpuNodesReady = process.cpuUsage();
    console.error(`${nodes} nodes Ready in ${secondsToNodesReady.toFixed(1)} s`);

    const client = cluster.loopback;
    await client.create({ group: '', version: 'v1', resource: 'namespaces' }, '', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    });
    const bound = new Set<string>();
    let firstBind = 0;
    let lastBind = 0;
    const watch = await client.watch(PODS, NAMESPACE, {});
    watch.attach({
      event: (event) => {
        const pod = event.object as KubeObject;
        const uid = pod.metadata.uid ?? '';
        if (!(pod['spec'] as { nodeName?: string } | undefined)?.nodeName || bound.has(uid)) return;
        bound.add(uid);
        lastBind = performance.now();
        if (!firstBind) firstBind = lastBind;
      },
      end: () => {},
    });

    const t0 = performance.now();
    const names: string[] = [];
    for (let created = 0; created < pods; created += perDeployment) {
      const name = `load-${names.length}`;
      names.push(name);
      await client.create(DEPLOYMENTS, NAMESPACE, deployment(name, Math.min(perDeployment, pods - created)));
    }
    let ready = 0;
    for (;;) {
      const list = await listWhenFresh(cluster, DEPLOYMENTS, NAMESPACE);
      ready = list.items.reduce(
        (sum, d) => sum + Number((d['status'] as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0),
        0,
      );
      console.error(`${ready}/${pods} pods ready, ${bound.size} bound, ${peakRssMiB().toFixed(0)} MiB peak`);
      if (ready >= pods) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const secondsToAllRunning = (performance.now() - t0) / 1000;
    const cpuAllRunning = process.cpuUsage();
    watch.close();
    return {
      nodes,
      pods,
      secondsToNodesReady: Number(secondsToNodesReady.toFixed(2)),
      secondsToAllRunning: Number(secondsToAllRunning.toFixed(2)),
      cpuSecondsToNodesReady: cpuSeconds(cpuStarted, cpuNodesReady),
      cpuSecondsToAllRunning: cpuSeconds(cpuNodesReady, cpuAllRunning),
      podsPerSecond: Math.round(pods / secondsToAllRunning),
      schedulerPodsPerSecond: Math.round(bound.size / Math.max((lastBind - firstBind) / 1000, 1e-3)),
      peakRssMiB: Math.round(peakRssMiB()),
    };
  } finally {
    await cluster.close();
  }
}
