// For end-to-end tests of workload controllers: a whole in-process cluster on a paused lab clock, controllers under
// test built from a ControllerContext of their own, a wait for conditions, and a stand-in for the kubelet that marks
// pods Running and Ready (or not) through the status sub-resource, as there is no kubelet in these tests.

import type { GroupVersionResource, KubeList, KubeObject } from '../../api/object.ts';
import { rfc3339 } from '../../api/json.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InformerFactory } from '../../client/informer-factory.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Cluster } from '../../cluster/cluster.ts';
import type { VirtualClock } from '../../lab/clock.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import type { Pod } from './workload-types.ts';
import { WorkloadTestCluster } from './workload-test-cluster.ts';

export const PODS: GroupVersionResource = { group: '', version: 'v1', resource: 'pods' };
const EVENTS: GroupVersionResource = { group: '', version: 'v1', resource: 'events' };
/** Lab time the test clusters start at. */
export const START = Date.parse('2025-01-01T00:00:00Z');

export interface WorkloadHarness {
  cluster: Cluster;
  client: InProcessClient;
  clock: VirtualClock;
  /** The informers of the controllers under test. */
  informers: InformerFactory;
  close(): Promise<void>;
}

/**
 * Starts a cluster on a paused clock (its controller manager running only the base controllers) and the controllers
 * `build` makes from a context of their own.
 */
export async function startWorkloadHarness(build: (ctx: ControllerContext) => Controller[]): Promise<WorkloadHarness> {
  const kit = await WorkloadTestCluster.start(START);
  await kit.run(build(kit.context));
  return {
    cluster: kit.cluster,
    client: kit.client,
    clock: kit.clock,
    informers: kit.context.informers,
    close: () => kit.close(),
  };
}

/** Waits (in real time) until `check` returns something other than undefined; fails the test if it never does. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, attempts = 500): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting until ${what}${last ? `: ${String(last)}` : ''}`);
}

/** The pods of a namespace whose labels include `labels`. */
export async function podsWith(
  client: InProcessClient,
  namespace: string,
  labels: Record<string, string>,
): Promise<Pod[]> {
  const selector = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const list = (await client.list(PODS, namespace, { labelSelector: selector })) as KubeList<Pod>;
  return list.items;
}

/** What a kubelet reports for a pod that started: Running, and Ready (or not) since lab time `now`. */
export async function setPodRunning(client: InProcessClient, pod: Pod, ready: boolean, now: number): Promise<void> {
  const time = rfc3339(now);
  const status = ready ? 'True' : 'False';
  const containers = (pod.spec?.containers ?? []).map((c) => ({
    name: c.name,
    image: String(c['image'] ?? ''),
    imageID: '',
    ready,
    restartCount: 0,
    started: true,
    state: { running: { startedAt: time } },
  }));
  await client.patch(
    PODS,
    pod.metadata.namespace ?? '',
    pod.metadata.name ?? '',
    'merge',
    {
      status: {
        phase: 'Running',
        conditions: [
          { type: 'Initialized', status: 'True', lastTransitionTime: time },
          { type: 'Ready', status, lastTransitionTime: time },
          { type: 'ContainersReady', status, lastTransitionTime: time },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: time },
        ],
        containerStatuses: containers,
        startTime: time,
      },
    },
    { subresource: 'status' },
  );
}

/** Marks every pod with `labels` that is not yet Ready as Running and Ready; returns how many it marked. */
export async function markPodsReady(
  harness: WorkloadHarness,
  namespace: string,
  labels: Record<string, string>,
): Promise<number> {
  const pods = await podsWith(harness.client, namespace, labels);
  const notReady = pods.filter(
    (pod) =>
      !pod.metadata.deletionTimestamp &&
      !pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
  for (const pod of notReady) {
    // A controller may delete the pod meanwhile.
    await setPodRunning(harness.client, pod, true, harness.clock.now()).catch((error: unknown) => {
      if (!isStatusError(error, 'NotFound')) throw error;
    });
  }
  return notReady.length;
}

/** What the scheduler does: binds every unbound pod with `labels` to `node` (pods on a node are deleted gracefully). */
export async function bindPods(
  harness: WorkloadHarness,
  namespace: string,
  labels: Record<string, string>,
  node: string,
): Promise<void> {
  for (const pod of await podsWith(harness.client, namespace, labels)) {
    if (pod.spec?.nodeName) continue;
    const name = pod.metadata.name ?? '';
    await harness.client.request('POST', `/api/v1/namespaces/${namespace}/pods/${name}/binding`, {
      body: { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: node } },
    });
  }
}

/** The events recorded about an object, in the order recorded, as "Reason: message". */
export async function eventsAbout(client: InProcessClient, obj: KubeObject): Promise<string[]> {
  const list = await client.list(EVENTS, obj.metadata.namespace ?? '', {
    fieldSelector: `involvedObject.uid=${obj.metadata.uid}`,
  });
  // One recorder names its events in the order it records them (the lab clock may stand still meanwhile).
  return list.items
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
    .map((e) => `${String(e['reason'])}: ${String(e['message'])}`);
}
