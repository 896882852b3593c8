import { afterEach, describe, expect, it } from 'vitest';
import { MemoryInformer } from '../../client/testing/memory-informer.ts';
import { VirtualClock } from '../../lab/clock.ts';
import { Iptables } from '../../network/netfilter/iptables.ts';
import { IptablesPolicySink } from './iptables-sink.ts';
import { NetworkPolicyAgent } from './network-policy-agent.ts';
import { makeNamespace, makePod, makePolicy } from './test-objects.ts';

/** The sink into a real Iptables, recording what it was given. */
class RecordingSink extends IptablesPolicySink {
  readonly applied: string[] = [];
  override applyIptables(restoreText: string): void {
    this.applied.push(restoreText);
    super.applyIptables(restoreText);
    expect(this.lastError).toBeUndefined();
  }
}

const clocks: VirtualClock[] = [];
afterEach(() => clocks.splice(0).forEach((clock) => clock.dispose()));

const web = makePod({ name: 'web', ip: '10.244.1.5', node: 'node-1', labels: { app: 'web' } });
const denyAll = makePolicy('default', 'deny-all', {});

async function startAgent() {
  const clock = new VirtualClock(1_700_000_000_000, () => 0);
  clocks.push(clock);
  const informers = {
    pods: new MemoryInformer(),
    namespaces: new MemoryInformer(),
    networkPolicies: new MemoryInformer(),
  };
  informers.namespaces.upsert(makeNamespace('default'));
  informers.pods.upsert(web);
  const iptables = new Iptables();
  const sink = new RecordingSink(iptables);
  const agent = new NetworkPolicyAgent({ nodeName: 'node-1', clock, informers, sink });
  await agent.start();
  const filter = () => iptables.save({ table: 'filter' });
  return { clock, informers, iptables, applied: sink.applied, agent, filter };
}

describe('NetworkPolicyAgent', () => {
  it('syncs once its informers have synced, with its jumps first in INPUT, FORWARD and OUTPUT', async () => {
    const { applied, filter } = await startAgent();
    expect(applied).toHaveLength(1);
    for (const chain of ['INPUT', 'FORWARD', 'OUTPUT']) {
      expect(filter()).toContain(`-A ${chain} -m comment --comment "kube-router netpol" -j KUBE-ROUTER-${chain}`);
    }
  });

  it('programs a new policy after the change, folding the changes of one moment into one sync', async () => {
    const { clock, informers, applied, filter } = await startAgent();
    informers.networkPolicies.upsert(denyAll);
    informers.pods.upsert(makePod({ name: 'db', ip: '10.244.1.6', node: 'node-1' }));
    clock.step(0);
    expect(applied).toHaveLength(2);
    expect(filter()).toContain('--comment "default/db drop"');
    expect(filter()).toContain('--comment "default/web drop"');
  });

  it.each<[string, (informers: Awaited<ReturnType<typeof startAgent>>['informers']) => void, number]>([
    ['a pod’s new labels', (i) => i.pods.upsert({ ...web, metadata: { ...web.metadata, labels: { app: 'x' } } }), 2],
    [
      'a pod’s new annotations',
      (i) => i.pods.upsert({ ...web, metadata: { ...web.metadata, annotations: { a: 'b' } } }),
      1,
    ],
    ['a namespace’s new labels', (i) => i.namespaces.upsert(makeNamespace('default', { team: 'blue' })), 2],
    ['a namespace unchanged', (i) => i.namespaces.upsert(makeNamespace('default')), 1],
    ['a deleted pod', (i) => i.pods.delete(web), 2],
  ])('resyncs for %s only when the rules may change', async (_description, change, syncs) => {
    const { clock, informers, applied } = await startAgent();
    change(informers);
    clock.step(0);
    expect(applied).toHaveLength(syncs);
  });

  it('deletes the chains of a policy that went away', async () => {
    const { clock, informers, filter } = await startAgent();
    informers.networkPolicies.upsert(denyAll);
    clock.step(0);
    expect(filter()).toMatch(/KUBE-POD-FW-/);
    informers.networkPolicies.delete(denyAll);
    clock.step(0);
    expect(filter()).not.toMatch(/KUBE-POD-FW-|KUBE-NWPLCY-[A-Z2-7]{16}/);
  });

  it('puts its jumps back on top when another agent prepended its own', async () => {
    const { clock, informers, iptables, filter } = await startAgent();
    iptables.exec('-N KUBE-FORWARD');
    iptables.exec('-I FORWARD 1 -j KUBE-FORWARD');
    informers.networkPolicies.upsert(denyAll);
    clock.step(0);
    const forward = filter()
      .split('\n')
      .filter((line) => line.startsWith('-A FORWARD'));
    expect(forward).toEqual([
      '-A FORWARD -m comment --comment "kube-router netpol" -j KUBE-ROUTER-FORWARD',
      '-A FORWARD -j KUBE-FORWARD',
    ]);
  });

  it('holds syncs to the minimum sync period after a burst of two, and resyncs every sync period', async () => {
    const { clock, informers, applied } = await startAgent();
    for (const name of ['a', 'b', 'c']) {
      informers.networkPolicies.upsert(makePolicy('default', name, {}));
      clock.step(0);
    }
    expect(applied).toHaveLength(3);
    clock.step(1000);
    expect(applied).toHaveLength(4);
    clock.step(300_000);
    expect(applied).toHaveLength(5);
  });

  it('stops syncing once stopped', async () => {
    const { clock, informers, applied, agent } = await startAgent();
    agent.stop();
    informers.networkPolicies.upsert(denyAll);
    clock.step(400_000);
    expect(applied).toHaveLength(1);
  });
});
