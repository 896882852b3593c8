// The kubelet's node-level behaviour against an in-process cluster: registration (labels, capacity, addresses,
// node info, conditions), Lease renewal, node status reporting, and the node going down and coming back.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { EVENTS, KubeletTestCluster, LEASES, NODES } from './testing/kubelet-test-cluster.ts';

let lab: KubeletTestCluster;

beforeEach(async () => {
  lab = await KubeletTestCluster.start();
});

afterEach(async () => {
  await lab.close();
});

function statusOf(node: KubeObject): Record<string, unknown> {
  return node['status'] as Record<string, unknown>;
}

describe('node registration', () => {
  it('registers the Node with the well-known labels, resources, addresses, node info and conditions', async () => {
    const kubelet = lab.kubelet('node-1', { labels: { tier: 'gold' } });
    await kubelet.start();
    const node = await lab.client.get(NODES, '', 'node-1');
    expect(node.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'node-1',
      'kubernetes.io/os': 'linux',
      tier: 'gold',
    });
    expect(node.metadata.annotations).toMatchObject({
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    });
    const status = statusOf(node);
    expect(status['capacity']).toEqual({
      cpu: '4',
      'ephemeral-storage': '100Gi',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: '8Gi',
      pods: '110',
    });
    expect(status['allocatable']).toEqual({
      cpu: '4',
      'ephemeral-storage': '90Gi',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: '8092Mi',
      pods: '110',
    });
    expect(status['addresses']).toEqual([
      { type: 'InternalIP', address: '172.18.0.2' },
      { type: 'Hostname', address: 'node-1' },
    ]);
    expect(status['nodeInfo']).toMatchObject({
      architecture: 'amd64',
      operatingSystem: 'linux',
      kubeletVersion: expect.stringMatching(/^v1\.32\.\d+$/),
      containerRuntimeVersion: expect.stringMatching(/^containerd:\/\/\d+\.\d+\.\d+$/),
    });
    expect(status['daemonEndpoints']).toEqual({ kubeletEndpoint: { Port: 10250 } });
    const conditions = status['conditions'] as Record<string, string>[];
    expect(conditions.map((c) => [c['type'], c['status'], c['reason'], c['message']])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
  });

  it('registers with its taints', async () => {
    await lab
      .kubelet('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] })
      .start();
    const node = await lab.client.get(NODES, '', 'cp');
    expect((node['spec'] as { taints?: unknown }).taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
  });

  it('records the node events of a kubelet start', async () => {
    await lab.kubelet('node-1').start();
    await lab.advance(1000);
    const reasons = (await lab.eventsFor('node-1')).map((e) => e.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'Starting',
        'NodeHasSufficientMemory',
        'NodeHasNoDiskPressure',
        'NodeHasSufficientPID',
        'NodeAllocatableEnforced',
      ]),
    );
    const events = await lab.eventsFor('node-1');
    expect(events).toContainEqual({ reason: 'Starting', message: 'Starting kubelet.' });
    const starting = (await lab.client.list(EVENTS, 'default')).items.find((e) => e['reason'] === 'Starting');
    expect(starting?.['involvedObject']).toEqual({ kind: 'Node', name: 'node-1', uid: 'node-1' });
    expect(starting?.['source']).toEqual({ component: 'kubelet', host: 'node-1' });
    expect(events).toContainEqual({
      reason: 'NodeHasSufficientMemory',
      message: 'Node node-1 status is now: NodeHasSufficientMemory',
    });
  });
});

describe('heartbeats', () => {
  it('creates its Lease owned by the Node and renews it every ten seconds', async () => {
    await lab.kubelet('node-1').start();
    const node = await lab.client.get(NODES, '', 'node-1');
    const lease = await lab.kit.eventually(
      () => lab.kit.getOrUndefined(LEASES, 'kube-node-lease', 'node-1'),
      'the lease exists',
    );
    expect(lease['spec']).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
    expect(lease.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: node.metadata.uid },
    ]);
    const renewTimes: string[] = [];
    for (let i = 0; i < 3; i++) {
      await lab.advance(10_000, 1000);
      const renewed = await lab.client.get(LEASES, 'kube-node-lease', 'node-1');
      renewTimes.push(String((renewed['spec'] as { renewTime: string }).renewTime));
    }
    const gaps = renewTimes.slice(1).map((t, i) => Date.parse(t) - Date.parse(renewTimes[i]!));
    expect(gaps).toEqual([10_000, 10_000]);
  });

  it('writes the node status only when due: every five minutes when nothing changed', async () => {
    await lab.kubelet('node-1').start();
    const heartbeat = async () => {
      const node = await lab.client.get(NODES, '', 'node-1');
      const ready = (statusOf(node)['conditions'] as Record<string, string>[]).find((c) => c['type'] === 'Ready');
      return Date.parse(ready!['lastHeartbeatTime']!);
    };
    const registered = await heartbeat();
    await lab.advance(60_000, 1000);
    expect(await heartbeat()).toBe(registered);
    await lab.advance(4 * 60_000 + 10_000, 1000);
    const refreshed = await heartbeat();
    expect(refreshed - registered).toBeGreaterThanOrEqual(5 * 60_000);
    expect(refreshed - registered).toBeLessThan(5 * 60_000 + 10_000);
  });
});

describe('the node going down and coming back', () => {
  it('stops renewing its lease while stopped and renews it again once started', async () => {
    const kubelet = lab.kubelet('node-1');
    await kubelet.start();
    await lab.advance(1000);
    await kubelet.stop();
    const renewTime = async () =>
      String(((await lab.client.get(LEASES, 'kube-node-lease', 'node-1'))['spec'] as { renewTime: string }).renewTime);
    const before = await renewTime();
    await lab.advance(60_000, 1000);
    expect(await renewTime()).toBe(before);
    await kubelet.start();
    await lab.advance(1000);
    expect(Date.parse(await renewTime())).toBeGreaterThan(Date.parse(before) + 60_000);
  });

  it('records a Rebooted event with the new boot ID when it comes back', async () => {
    const kubelet = lab.kubelet('node-1');
    await kubelet.start();
    const bootID = async () =>
      String((statusOf(await lab.client.get(NODES, '', 'node-1'))['nodeInfo'] as { bootID: string }).bootID);
    const first = await bootID();
    await kubelet.stop();
    await kubelet.start();
    await lab.advance(1000);
    const second = await bootID();
    expect(second).not.toBe(first);
    expect(await lab.eventsFor('node-1')).toContainEqual({
      reason: 'Rebooted',
      message: `Node node-1 has been rebooted, boot id: ${second}`,
    });
  });
});

describe('pods across the node going down and coming back', () => {
  const POD = { group: '', version: 'v1', resource: 'pods' };

  it('loses the containers while down and runs the pod again in a new sandbox once back', async () => {
    const kubelet = lab.kubelet('node-1');
    await kubelet.start();
    await lab.createPod('web', { containers: [{ name: 'web', image: 'kubelab/test:1.0' }] });
    await lab.podUntil('web', (s) => s.phase === 'Running', 'Running');
    expect(kubelet.summary().pods.map((p) => p.name)).toEqual(['web']);
    await kubelet.stop();
    expect(kubelet.summary().pods).toEqual([]);
    await lab.advance(30_000, 1000);
    await kubelet.start();
    const back = await lab.podUntil(
      'web',
      (s) => s.containerStatuses?.[0]?.restartCount === 1 && s.containerStatuses[0].state.running !== undefined,
      'running again',
    );
    expect(back['status']).toMatchObject({ phase: 'Running' });
    expect(await lab.eventsFor('web')).toContainEqual({
      reason: 'SandboxChanged',
      message: 'Pod sandbox changed, it will be killed and re-created.',
    });
  });

  it('finishes deleting a pod deleted while the node was down once it is back', async () => {
    const kubelet = lab.kubelet('node-1');
    await kubelet.start();
    await lab.createPod('web', { containers: [{ name: 'web', image: 'kubelab/test:1.0' }] });
    await lab.podUntil('web', (s) => s.phase === 'Running', 'Running');
    await kubelet.stop();
    await lab.client.delete(POD, 'default', 'web');
    await lab.advance(60_000, 1000);
    expect((await lab.pod('web'))?.metadata.deletionTimestamp).toBeDefined();
    await kubelet.start();
    await lab.podGone('web');
  });
});

describe('pod CIDR', () => {
  it('waits for the Node spec.podCIDR (set by the node IPAM) before giving pods addresses', async () => {
    const kubelet = lab.kubelet('node-1', { podCIDR: undefined });
    await kubelet.start();
    await lab.createPod('web', { containers: [{ name: 'web', image: 'kubelab/test:1.0' }] });
    await lab.advance(5000, 500);
    expect(((await lab.pod('web'))?.['status'] as { podIP?: string }).podIP).toBeUndefined();
    expect((await lab.eventsFor('web')).map((e) => e.reason)).toContain('NetworkNotReady');
    await lab.client.patch(NODES, '', 'node-1', 'merge', {
      spec: { podCIDR: '10.244.7.0/24', podCIDRs: ['10.244.7.0/24'] },
    });
    const pod = await lab.podUntil('web', (s) => s.phase === 'Running', 'Running');
    expect((pod['status'] as { podIP?: string }).podIP).toMatch(/^10\.244\.7\.\d+$/);
  });
});

describe('pods removed while the node was down', () => {
  it('forgets a pod force-deleted while the node was down once it is back', async () => {
    const kubelet = lab.kubelet('node-1');
    await kubelet.start();
    await lab.createPod('web', { containers: [{ name: 'web', image: 'kubelab/test:1.0' }] });
    await lab.podUntil('web', (s) => s.phase === 'Running', 'Running');
    await kubelet.stop();
    await lab.client.delete({ group: '', version: 'v1', resource: 'pods' }, 'default', 'web', {
      gracePeriodSeconds: 0,
    });
    await lab.advance(10_000, 1000);
    await kubelet.start();
    await lab.advance(5000, 500);
    expect(kubelet.summary().pods).toEqual([]);
    await expect(kubelet.api.logs('default', 'web', { container: 'web' })).rejects.toMatchObject({
      status: { code: 404 },
    });
  });
});
