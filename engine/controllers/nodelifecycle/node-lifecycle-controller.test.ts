import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rfc3339, rfc3339Micro } from '../../api/json.ts';
import type { KubeObject } from '../../api/object.ts';
import { NODES, PODS, WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import { nodeLifecycleControllers } from './index.ts';
import type { Node, Taint } from './node-types.ts';

const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };

describe('the node lifecycle and taint eviction controllers', () => {
  let lab: WorkloadTestCluster;
  /** Nodes whose kubelet renews its Lease every 10 s. */
  let alive: Set<string>;
  let sinceRenewal = 0;

  const kubeletConditions = (ready: 'True' | 'False') =>
    ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].map((type) => ({
      type,
      status: type === 'Ready' ? ready : 'False',
      reason: type === 'Ready' ? (ready === 'True' ? 'KubeletReady' : 'KubeletNotReady') : 'KubeletHasSufficient',
      message: 'kubelet says so',
      lastHeartbeatTime: rfc3339(lab.clock.now()),
      lastTransitionTime: rfc3339(lab.clock.now()),
    }));
  const registerNode = async (name: string) => {
    await lab.client.create(NODES, '', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': name } },
      status: { conditions: kubeletConditions('True') },
    });
    await lab.client.create(LEASES, 'kube-node-lease', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: rfc3339Micro(lab.clock.now()) },
    });
    alive.add(name);
  };
  const renewLease = async (name: string) => {
    const lease = await lab.client.get(LEASES, 'kube-node-lease', name);
    await lab.client.update(LEASES, {
      ...lease,
      spec: { ...(lease['spec'] as object), renewTime: rfc3339Micro(lab.clock.now()) },
    });
  };
  /** What a kubelet posts: its conditions, as a strategic merge patch of the status. */
  const postStatus = (name: string, ready: 'True' | 'False') =>
    lab.client.patch(
      NODES,
      '',
      name,
      'strategic',
      { status: { conditions: kubeletConditions(ready) } },
      {
        subresource: 'status',
      },
    );
  const runningPod = async (name: string, nodeName: string, tolerations?: unknown[]) => {
    const pod = await lab.client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: 'web' } },
      spec: { nodeName, containers: [{ name: 'web', image: 'nginx' }], tolerations },
    });
    return lab.setPodRunning(pod, true);
  };
  const node = async (name: string) => (await lab.client.get(NODES, '', name)) as Node;
  const pod = (name: string) => lab.getOrUndefined(PODS, 'default', name);
  const readyOf = (obj: KubeObject | undefined) =>
    ((obj?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find(
      (c) => c.type === 'Ready',
    );
  const taintsOf = async (name: string) =>
    ((await node(name)).spec?.taints ?? []).map((t: Taint) => `${t.key}:${t.effect}`).sort();

  /** Moves the lab clock a second, the live kubelets renewing their Leases every 10 s, and lets the cluster work. */
  const tick = async () => {
    lab.clock.step(1000);
    sinceRenewal += 1000;
    if (sinceRenewal >= 10_000) {
      sinceRenewal = 0;
      for (const name of alive) await renewLease(name);
    }
    await lab.settle(40);
  };
  /** Ticks until the check holds, up to `seconds` of lab time. */
  const within = async <T>(seconds: number, check: () => Promise<T | undefined | false>, what: string): Promise<T> => {
    for (let i = 0; i <= seconds; i++) {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      await tick();
    }
    throw new Error(`not within ${seconds} s: ${what}`);
  };
  const ticks = async (seconds: number) => {
    for (let i = 0; i < seconds; i++) await tick();
  };

  beforeEach(async () => {
    lab = await WorkloadTestCluster.start();
    alive = new Set();
    sinceRenewal = 0;
    await lab.run(nodeLifecycleControllers(lab.context));
  });

  afterEach(async () => {
    await lab.close();
  });

  it('turn a node whose Lease is not renewed Unknown, taint it, and evict its pods after their toleration', async () => {
    await registerNode('node-a');
    await registerNode('node-b');
    await runningPod('web-1', 'node-b');
    await runningPod('web-2', 'node-a');
    alive.delete('node-b');

    // Monitor passes run every 5 s: Unknown at the first pass more than 40 s after the Lease was last seen renewed.
    await ticks(40);
    expect(readyOf(await node('node-b'))?.status).toBe('True');
    const unknown = await within(
      11,
      async () => {
        const ready = (await node('node-b')).status?.conditions?.find((c) => c.type === 'Ready');
        return ready?.status === 'Unknown' ? ready : undefined;
      },
      'node-b is Unknown',
    );
    expect(unknown).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    const conditions = (await node('node-b')).status?.conditions ?? [];
    expect(conditions.map((c) => `${c.type}=${c.status}`)).toEqual([
      'Ready=Unknown',
      'MemoryPressure=Unknown',
      'DiskPressure=Unknown',
      'PIDPressure=Unknown',
    ]);
    expect(readyOf(await node('node-a'))?.status).toBe('True');

    await within(5, async () => readyOf(await pod('web-1'))?.status === 'False', 'web-1 is marked not ready');
    expect(readyOf(await pod('web-2'))?.status).toBe('True');
    expect(await lab.eventsFor('web-1')).toContainEqual({ reason: 'NodeNotReady', message: 'Node is not ready' });
    expect(await lab.eventsFor('node-b')).toEqual(
      expect.arrayContaining([
        { reason: 'RegisteredNode', message: 'Node node-b event: Registered Node node-b in Controller' },
        { reason: 'NodeNotReady', message: 'Node node-b status is now: NodeNotReady' },
      ]),
    );

    await within(
      10,
      async () => (await taintsOf('node-b')).length === 2,
      'node-b is tainted unreachable NoSchedule and NoExecute',
    );
    expect(await taintsOf('node-b')).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    expect((await node('node-b')).spec?.taints?.every((t) => t.timeAdded === rfc3339(Date.parse(t.timeAdded!)))).toBe(
      true,
    );
    expect(await taintsOf('node-a')).toEqual([]);

    // web-1 tolerates the unreachable taint for the default 300 s.
    await ticks(290);
    expect((await pod('web-1'))?.metadata.deletionTimestamp).toBeUndefined();
    const deleted = await within(15, async () => (await pod('web-1'))?.metadata.deletionTimestamp, 'web-1 is evicted');
    expect(deleted).toBeDefined();
    expect(await lab.eventsFor('web-1')).toContainEqual({
      reason: 'TaintManagerEviction',
      message: 'Marking for deletion Pod default/web-1',
    });
    const disruption = (
      (await pod('web-1'))?.['status'] as { conditions: { type: string; reason?: string }[] }
    ).conditions.find((c) => c.type === 'DisruptionTarget');
    expect(disruption).toMatchObject({ reason: 'DeletionByTaintManager' });
    expect((await pod('web-2'))?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('untaint a node that is Ready again and cancel the evictions of its pods', async () => {
    await registerNode('node-a');
    await registerNode('node-b');
    await runningPod('web-1', 'node-b');
    alive.delete('node-b');
    await within(70, async () => (await taintsOf('node-b')).length === 2, 'node-b is tainted');

    await postStatus('node-b', 'True');
    alive.add('node-b');
    await renewLease('node-b');
    await within(15, async () => (await taintsOf('node-b')).length === 0, 'node-b is untainted');
    await within(
      5,
      async () =>
        (await lab.eventsFor('web-1')).some(
          (e) => e.reason === 'TaintManagerEviction' && e.message === 'Cancelling deletion of Pod default/web-1',
        ),
      'the eviction of web-1 is cancelled',
    );
    await ticks(310);
    expect((await pod('web-1'))?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('taint a node whose kubelet reports NotReady not-ready', async () => {
    await registerNode('node-a');
    await registerNode('node-b');
    await postStatus('node-b', 'False');
    await within(15, async () => (await taintsOf('node-b')).length === 2, 'node-b is tainted');
    expect(await taintsOf('node-b')).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/not-ready:NoSchedule',
    ]);
  });

  it('evict at once the pods that do not tolerate a NoExecute taint, the others when their toleration ends', async () => {
    await registerNode('node-a');
    await runningPod('plain', 'node-a');
    await runningPod('patient', 'node-a', [
      { key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoExecute', tolerationSeconds: 60 },
    ]);
    await runningPod('forever', 'node-a', [{ key: 'dedicated', operator: 'Exists' }]);
    const current = await node('node-a');
    await lab.client.patch(NODES, '', 'node-a', 'merge', {
      spec: { taints: [...(current.spec?.taints ?? []), { key: 'dedicated', value: 'db', effect: 'NoExecute' }] },
    });

    await within(2, async () => (await pod('plain'))?.metadata.deletionTimestamp, 'plain is evicted at once');
    await ticks(50);
    expect((await pod('patient'))?.metadata.deletionTimestamp).toBeUndefined();
    await within(15, async () => (await pod('patient'))?.metadata.deletionTimestamp, 'patient is evicted after 60 s');
    await ticks(60);
    expect((await pod('forever'))?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('taint a cordoned node unschedulable and untaint it when uncordoned', async () => {
    await registerNode('node-a');
    await lab.client.patch(NODES, '', 'node-a', 'merge', { spec: { unschedulable: true } });
    await within(3, async () => (await taintsOf('node-a')).length === 1, 'node-a is tainted');
    expect((await node('node-a')).spec?.taints).toEqual([
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: expect.any(String) },
    ]);
    await lab.client.patch(NODES, '', 'node-a', 'merge', { spec: { unschedulable: false } });
    await within(3, async () => (await taintsOf('node-a')).length === 0, 'node-a is untainted');
  });

  it('keep the beta os label of a node equal to its stable one', async () => {
    await registerNode('node-a');
    const labels = await within(
      3,
      async () => (await node('node-a')).metadata.labels?.['beta.kubernetes.io/os'],
      'the beta label is added',
    );
    expect(labels).toBe('linux');
  });

  it('stop tainting NoExecute in a small zone where most nodes went down together', async () => {
    for (const name of ['node-a', 'node-b', 'node-c', 'node-d']) await registerNode(name);
    await runningPod('web-1', 'node-b');
    for (const name of ['node-b', 'node-c', 'node-d']) alive.delete(name);
    await within(60, async () => readyOf(await node('node-d'))?.status === 'Unknown', 'node-d is Unknown');
    await ticks(320);
    for (const name of ['node-b', 'node-c', 'node-d']) {
      expect(await taintsOf(name)).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    }
    expect((await pod('web-1'))?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('evict nothing when every node of the cluster is unreachable at once', async () => {
    await registerNode('node-a');
    await runningPod('web-1', 'node-a');
    alive.clear();
    await within(60, async () => readyOf(await node('node-a'))?.status === 'Unknown', 'node-a is Unknown');
    await ticks(320);
    expect(await taintsOf('node-a')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect((await pod('web-1'))?.metadata.deletionTimestamp).toBeUndefined();
  });
});
