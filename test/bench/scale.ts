// `npm run bench -- scale --nodes N --pods M [--per-deployment K]`: starts a lab with N worker nodes in this process,
// creates Deployments totalling M pods through the API (K replicas each, default 1,000), and runs until every
// Deployment reports all its replicas ready (its pods Running and Ready). Reports how long that took, the pod
// throughput end to end and of the scheduler alone (first to last binding), and the peak resident memory.

import type { KubeObject } from '../../engine/api/object.ts';
import { Cluster } from '../../engine/cluster/cluster.ts';
import { VirtualClock } from '../../engine/lab/clock.ts';

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
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

const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const nodes = flag(args, 'nodes', 100);
  const pods = flag(args, 'pods', 3000);
  const perDeployment = flag(args, 'per-deployment', 1000);
  const started = performance.now();
  const cluster = await Cluster.start({
    clock: new VirtualClock(),
    nodes,
    // A /24 per node: 10.244.0.0/16 holds 256 nodes, so a large lab takes its pod ranges from a larger block.
    config: nodes > 250 ? { podCIDR: '10.0.0.0/8' } : {},
  });
  try {
    await cluster.waitUntilReady(600_000);
    const secondsToNodesReady = (performance.now() - started) / 1000;
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
      const list = await client.list(DEPLOYMENTS, NAMESPACE);
      ready = list.items.reduce(
        (sum, d) => sum + Number((d['status'] as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0),
        0,
      );
      console.error(`${ready}/${pods} pods ready, ${bound.size} bound, ${peakRssMiB().toFixed(0)} MiB peak`);
      if (ready >= pods) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const secondsToAllRunning = (performance.now() - t0) / 1000;
    watch.close();
    return {
      nodes,
      pods,
      secondsToNodesReady: Number(secondsToNodesReady.toFixed(2)),
      secondsToAllRunning: Number(secondsToAllRunning.toFixed(2)),
      podsPerSecond: Math.round(pods / secondsToAllRunning),
      schedulerPodsPerSecond: Math.round(bound.size / Math.max((lastBind - firstBind) / 1000, 1e-3)),
      peakRssMiB: Math.round(peakRssMiB()),
    };
  } finally {
    await cluster.close();
  }
}
