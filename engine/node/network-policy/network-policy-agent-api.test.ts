import { afterEach, describe, expect, it } from 'vitest';
import { InformerFactory } from '../../client/informer-factory.ts';
import { WorkloadTestCluster } from '../../controllers/common/workload-test-cluster.ts';
import { Iptables } from '../../network/netfilter/iptables.ts';
import { IptablesPolicySink } from './iptables-sink.ts';
import { NetworkPolicyAgent, networkPolicyInformers } from './network-policy-agent.ts';
import { makePolicy } from './test-objects.ts';

// The agent against an in-process API server: its informers list and watch the real resources, and the objects it
// reads are the API server's (policyTypes and port protocols defaulted).

const PODS = { group: '', version: 'v1', resource: 'pods' };
const POLICIES = { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('NetworkPolicyAgent with an API server', () => {
  it('programs a policy created through the API and removes it when the policy is deleted', async () => {
    const kit = await WorkloadTestCluster.start();
    closers.push(() => kit.close());
    const pod = await kit.client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        nodeName: 'node-1',
        containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }],
      },
    });
    const status = { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }] };
    await kit.client.patch(PODS, 'default', pod.metadata.name!, 'merge', { status }, { subresource: 'status' });

    const factory = new InformerFactory(kit.client, kit.clock);
    const iptables = new Iptables();
    const sink = new IptablesPolicySink(iptables);
    const agent = new NetworkPolicyAgent({
      nodeName: 'node-1',
      clock: kit.clock,
      informers: networkPolicyInformers(factory),
      sink,
    });
    closers.push(async () => {
      agent.stop();
      factory.stop();
    });
    await agent.start();

    const policy = makePolicy('default', 'web', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ ports: [{ port: 'http' }] }],
    });
    await kit.client.create(POLICIES, 'default', policy);
    const filter = () => iptables.save({ table: 'filter' });
    await kit.eventually(() => filter().includes('"default/web drop"') || undefined, 'the pod firewall is programmed');
    expect(filter()).toContain('-d 10.244.1.5/32 -p tcp -m comment --comment "default/web ingress from any port http"');
    expect(sink.lastError).toBeUndefined();

    await kit.client.delete(POLICIES, 'default', 'web');
    await kit.eventually(() => !filter().includes('KUBE-POD-FW-') || undefined, 'the pod firewall is gone');
  });
});
