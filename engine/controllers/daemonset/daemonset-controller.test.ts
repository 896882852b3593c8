import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { CONTROLLER_REVISIONS } from '../common/controller-history.ts';
import { NODES, PODS, WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import { DAEMONSETS, daemonSetController } from './daemonset-controller.ts';
import type { DaemonSet } from './daemonset-types.ts';

function node(name: string, labels: Record<string, string> = {}, taints: unknown[] = []): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: { taints } };
}

function daemonSet(spec: Partial<NonNullable<DaemonSet['spec']>> = {}, image = 'proxy:1'): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image }] } },
      ...spec,
    },
  };
}

describe('the DaemonSet controller', () => {
  let kit: WorkloadTestCluster;

  beforeEach(async () => {
    kit = await WorkloadTestCluster.start();
    await kit.run([daemonSetController(kit.context)]);
  });

  afterEach(async () => {
    await kit.close();
  });

  const targetOf = (pod: KubeObject): string | undefined => {
    const affinity = (
      pod['spec'] as {
        affinity?: {
          nodeAffinity?: {
            requiredDuringSchedulingIgnoredDuringExecution?: {
              nodeSelectorTerms: { matchFields?: { values?: string[] }[] }[];
            };
          };
        };
      }
    ).affinity;
    return affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]
      ?.matchFields?.[0]?.values?.[0];
  };
  const livePods = async (): Promise<KubeObject[]> =>
    (await kit.list(PODS)).filter((p) => p.metadata.labels?.['app'] === 'agent' && !p.metadata.deletionTimestamp);
  const nodesWithPods = async (): Promise<string[]> => (await livePods()).map((p) => targetOf(p) ?? '?').sort();
  const waitForNodes = (expected: string[]) =>
    kit.eventually(
      async () => {
        const nodes = await nodesWithPods();
        return JSON.stringify(nodes) === JSON.stringify(expected) ? nodes : undefined;
      },
      `daemon pods run on ${expected.join(', ')}`,
    );
  const getDs = async (): Promise<DaemonSet> => (await kit.client.get(DAEMONSETS, 'default', 'agent')) as DaemonSet;
  const readyAll = async (): Promise<void> => {
    for (const pod of await livePods()) {
      const ready = (pod['status'] as { conditions?: { type: string; status: string }[] }).conditions?.some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
      if (!ready) await kit.setPodRunning(pod, true);
    }
  };
  const hashOf = (pod: KubeObject): string | undefined => pod.metadata.labels?.['controller-revision-hash'];

  it('runs one pod per node, pinned by node affinity and tolerating node problems', async () => {
    for (const name of ['node-1', 'node-2', 'node-3']) await kit.client.create(NODES, '', node(name));
    await kit.client.create(DAEMONSETS, 'default', daemonSet());
    await waitForNodes(['node-1', 'node-2', 'node-3']);
    const [pod] = await livePods();
    expect(pod!.metadata.generateName).toBe('agent-');
    expect(pod!.metadata.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
    expect((pod!['spec'] as { nodeName?: string }).nodeName).toBeUndefined();
    expect((pod!['spec'] as { tolerations: unknown[] }).tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const revisions = await kit.list(CONTROLLER_REVISIONS);
    expect(revisions.map((r) => r.metadata.name)).toEqual([`agent-${hashOf(pod!)}`]);

    await readyAll();
    const ds = await kit.eventually(async () => {
      const current = await getDs();
      return current.status?.numberAvailable === 3 ? current : undefined;
    }, 'all daemon pods are available');
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
      updatedNumberScheduled: 3,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });
    const events = (await kit.eventsFor('agent')).map((e) => e.reason);
    expect(events).toContain('SuccessfulCreate');
  });

  it('follows nodes joining and leaving', async () => {
    await kit.client.create(NODES, '', node('node-1'));
    await kit.client.create(DAEMONSETS, 'default', daemonSet());
    await waitForNodes(['node-1']);
    await kit.client.create(NODES, '', node('node-2'));
    await waitForNodes(['node-1', 'node-2']);
    await kit.client.delete(NODES, '', 'node-1');
    await waitForNodes(['node-2']);
    await kit.eventually(async () => (await getDs()).status?.desiredNumberScheduled === 1, 'one node is desired');
  });

  it('places pods by node selector and taints, and removes them when a node stops qualifying', async () => {
    await kit.client.create(NODES, '', node('fast', { disk: 'ssd' }));
    await kit.client.create(NODES, '', node('slow', { disk: 'hdd' }));
    await kit.client.create(
      NODES,
      '',
      node('reserved', { disk: 'ssd' }, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]),
    );
    const ds = daemonSet();
    ds.spec!.template!.spec!['nodeSelector'] = { disk: 'ssd' };
    await kit.client.create(DAEMONSETS, 'default', ds);
    await waitForNodes(['fast']);

    await kit.client.patch(NODES, '', 'slow', 'merge', { metadata: { labels: { disk: 'ssd' } } });
    await waitForNodes(['fast', 'slow']);
    // Cordoned nodes keep their daemon pods: they tolerate the unschedulable taint (kubectl drain --ignore-daemonsets).
    await kit.client.patch(NODES, '', 'fast', 'merge', {
      spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] },
    });
    // A NoExecute taint the pods do not tolerate evicts them.
    await kit.client.patch(NODES, '', 'slow', 'merge', {
      spec: { taints: [{ key: 'maintenance', value: 'yes', effect: 'NoExecute' }] },
    });
    await waitForNodes(['fast']);
    await kit.advance(5000);
    expect(await nodesWithPods()).toEqual(['fast']);
  });

  it('rolls an update one unavailable pod at a time', async () => {
    for (const name of ['node-1', 'node-2', 'node-3']) await kit.client.create(NODES, '', node(name));
    await kit.client.create(DAEMONSETS, 'default', daemonSet());
    await waitForNodes(['node-1', 'node-2', 'node-3']);
    await readyAll();
    const oldHash = hashOf((await livePods())[0]!);
    await kit.eventually(async () => (await getDs()).status?.numberAvailable === 3, 'all available');

    const current = await getDs();
    await kit.client.update(DAEMONSETS, { ...current, spec: daemonSet({}, 'proxy:2').spec });
    const firstNew = await kit.eventually(async () => {
      const pods = await livePods();
      const fresh = pods.filter((p) => hashOf(p) !== oldHash);
      return pods.length === 3 && fresh.length === 1 ? fresh[0] : undefined;
    }, 'one pod is replaced');
    // While the new pod is not ready, no other old pod goes (maxUnavailable 1).
    await kit.advance(3000);
    expect((await livePods()).filter((p) => hashOf(p) === oldHash)).toHaveLength(2);
    expect(firstNew.metadata.labels?.['pod-template-generation']).toBe('2');

    await kit.eventually(async () => {
      await readyAll();
      const pods = await livePods();
      return pods.length === 3 && pods.every((p) => hashOf(p) !== oldHash) ? true : undefined;
    }, 'every pod runs the new template');
    const ds = await kit.eventually(async () => {
      const fresh = await getDs();
      return fresh.status?.updatedNumberScheduled === 3 && fresh.status.numberAvailable === 3 ? fresh : undefined;
    }, 'the status shows the update done');
    expect(ds.status?.observedGeneration).toBe(2);
    expect((await kit.list(CONTROLLER_REVISIONS)).map((r) => r['revision']).sort()).toEqual([1, 2]);
  });

  it('surges a new pod next to the old one and removes the old one once the new one is available', async () => {
    await kit.client.create(NODES, '', node('node-1'));
    const strategy = { type: 'RollingUpdate' as const, rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    await kit.client.create(DAEMONSETS, 'default', daemonSet({ updateStrategy: strategy }));
    await waitForNodes(['node-1']);
    await readyAll();
    const [old] = await livePods();
    await kit.eventually(async () => (await getDs()).status?.numberAvailable === 1, 'available');

    const current = await getDs();
    await kit.client.update(DAEMONSETS, { ...current, spec: daemonSet({ updateStrategy: strategy }, 'proxy:2').spec });
    await kit.eventually(async () => ((await livePods()).length === 2 ? true : undefined), 'a second pod surges');
    await kit.advance(2000);
    expect((await livePods()).map((p) => p.metadata.name)).toContain(old!.metadata.name);
    await readyAll();
    await kit.eventually(async () => {
      const pods = await livePods();
      return pods.length === 1 && pods[0]!.metadata.name !== old!.metadata.name ? true : undefined;
    }, 'the old pod goes');
  });

  it('with OnDelete replaces a pod with the new template only when someone deletes it', async () => {
    await kit.client.create(NODES, '', node('node-1'));
    await kit.client.create(NODES, '', node('node-2'));
    const onDelete = { type: 'OnDelete' as const };
    await kit.client.create(DAEMONSETS, 'default', daemonSet({ updateStrategy: onDelete }));
    await waitForNodes(['node-1', 'node-2']);
    const oldHash = hashOf((await livePods())[0]!);
    const current = await getDs();
    await kit.client.update(DAEMONSETS, { ...current, spec: daemonSet({ updateStrategy: onDelete }, 'proxy:2').spec });
    await kit.eventually(async () => (await getDs()).status?.observedGeneration === 2, 'the update is observed');
    await kit.advance(3000);
    expect((await livePods()).every((p) => hashOf(p) === oldHash)).toBe(true);

    const victim = (await livePods()).find((p) => targetOf(p) === 'node-1')!;
    await kit.client.delete(PODS, 'default', victim.metadata.name ?? '');
    const replacement = await kit.eventually(async () => {
      const pods = await livePods();
      return pods.length === 2 ? pods.find((p) => targetOf(p) === 'node-1' && hashOf(p) !== oldHash) : undefined;
    }, 'node-1 gets a pod of the new template');
    expect(replacement.metadata.labels?.['pod-template-generation']).toBe('2');
    expect(
      (await livePods()).find((p) => targetOf(p) === 'node-2')!.metadata.labels?.['controller-revision-hash'],
    ).toBe(oldHash);
  });
});
