// Static pods against an in-process cluster: the kubelet runs them from its manifests and shows each as a mirror
// pod named <name>-<node>, annotated kubernetes.io/config.mirror and owned by the Node, re-created when deleted.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import type { PodStatus } from './pod-types.ts';
import { KubeletTestCluster, NODES, PODS } from './testing/kubelet-test-cluster.ts';

let lab: KubeletTestCluster;

const manifest: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'etcd', namespace: 'kube-system', labels: { component: 'etcd', tier: 'control-plane' } },
  spec: {
    hostNetwork: true,
    priorityClassName: 'system-node-critical',
    containers: [{ name: 'etcd', image: 'kubelab/test:1.0', args: ['serve', '2381'] }],
  },
};

beforeEach(async () => {
  lab = await KubeletTestCluster.start();
  await lab.kubelet('control-plane', { staticPods: [manifest] }).start();
});

afterEach(async () => {
  await lab.close();
});

function mirror(): Promise<KubeObject | undefined> {
  return lab.pod('etcd-control-plane', 'kube-system');
}

describe('static pods', () => {
  it('shows a running static pod as a mirror pod owned by the Node', async () => {
    const pod = await lab.kit.eventually(async () => {
      const found = await mirror();
      return (found?.['status'] as PodStatus | undefined)?.phase === 'Running' ? found : undefined;
    }, 'the mirror pod runs');
    const node = await lab.client.get(NODES, '', 'control-plane');
    expect(pod.metadata.annotations).toMatchObject({
      'kubernetes.io/config.mirror': expect.stringMatching(/^[0-9a-f]{32}$/),
      'kubernetes.io/config.source': 'file',
      'kubernetes.io/config.hash': pod.metadata.annotations?.['kubernetes.io/config.mirror'],
    });
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'control-plane', uid: node.metadata.uid, controller: true },
    ]);
    expect(pod.metadata.labels).toEqual({ component: 'etcd', tier: 'control-plane' });
    const status = pod['status'] as PodStatus;
    expect(status.podIP).toBe('172.18.0.2');
    expect(status.containerStatuses?.[0]).toMatchObject({ name: 'etcd', ready: true, started: true });
    expect((pod['spec'] as { nodeName?: string }).nodeName).toBe('control-plane');
  });

  it('re-creates the mirror pod when it is deleted, without restarting the static pod', async () => {
    const first = await lab.kit.eventually(async () => {
      const found = await mirror();
      return (found?.['status'] as PodStatus | undefined)?.phase === 'Running' ? found : undefined;
    }, 'the mirror pod runs');
    await lab.client.delete(PODS, 'kube-system', 'etcd-control-plane');
    const second = await lab.kit.eventually(async () => {
      const found = await mirror();
      return found && found.metadata.uid !== first.metadata.uid && !found.metadata.deletionTimestamp
        ? found
        : undefined;
    }, 'a new mirror pod');
    const status = await lab.kit.eventually(async () => {
      const s = (await mirror())?.['status'] as PodStatus | undefined;
      return s?.phase === 'Running' ? s : undefined;
    }, 'the new mirror pod shows the static pod running');
    expect(second.metadata.annotations?.['kubernetes.io/config.mirror']).toBe(
      first.metadata.annotations?.['kubernetes.io/config.mirror'],
    );
    expect(status.containerStatuses?.[0]?.restartCount).toBe(0);
  });
});
