import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NODES, WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import type { Node } from '../nodelifecycle/node-types.ts';
import { nodeIpamControllers } from './index.ts';

describe('the node IPAM controller', () => {
  let lab: WorkloadTestCluster;

  const createNode = (name: string, podCIDR?: string) =>
    lab.client.create(NODES, '', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name },
      spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {},
    });
  const podCIDRsOf = async (name: string) => {
    const node = (await lab.getOrUndefined(NODES, '', name)) as Node | undefined;
    return node?.spec?.podCIDRs?.length ? node.spec : undefined;
  };

  beforeEach(async () => {
    lab = await WorkloadTestCluster.start();
    await createNode('node-0', '10.244.0.0/24');
    await lab.run(nodeIpamControllers(lab.context));
  });

  afterEach(async () => {
    await lab.close();
  });

  it('gives each new node the next free /24 of the cluster CIDR, after the ones nodes already have', async () => {
    await createNode('node-1');
    expect(await lab.eventually(() => podCIDRsOf('node-1'), 'node-1 has a pod CIDR')).toEqual({
      podCIDR: '10.244.1.0/24',
      podCIDRs: ['10.244.1.0/24'],
    });
    await createNode('node-2');
    expect((await lab.eventually(() => podCIDRsOf('node-2'), 'node-2 has a pod CIDR')).podCIDR).toBe('10.244.2.0/24');
    expect((await podCIDRsOf('node-0'))?.podCIDR).toBe('10.244.0.0/24');
  });

  it('goes on round-robin after a node is deleted instead of handing its CIDR out again at once', async () => {
    await createNode('node-1');
    await lab.eventually(() => podCIDRsOf('node-1'), 'node-1 has a pod CIDR');
    await lab.client.delete(NODES, '', 'node-1');
    await lab.eventually(async () => ((await podCIDRsOf('node-1')) ? undefined : true), 'node-1 is gone');
    await createNode('node-2');
    expect((await lab.eventually(() => podCIDRsOf('node-2'), 'node-2 has a pod CIDR')).podCIDR).toBe('10.244.2.0/24');
  });
});
