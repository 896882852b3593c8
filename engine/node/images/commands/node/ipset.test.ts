import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../lab/clock.ts';
import { NetfilterStack } from '../../../../network/netfilter/netfilter-stack.ts';
import type { NodeAccess } from '../../node-access.ts';
import { runInImage } from '../../testing/run-image.ts';

function node(): { node: NodeAccess; stack: NetfilterStack } {
  const stack = new NetfilterStack({ clock: new VirtualClock(0, () => 0), random: () => 0 });
  stack.ipsets.create('KUBE-CLUSTER-IP', 'hash:ip,port');
  stack.ipsets.add('KUBE-CLUSTER-IP', '10.96.0.10,udp:53');
  stack.ipsets.create('KUBE-NODE-PORT-TCP', 'bitmap:port', { range: '0-65535' });
  stack.iptables.restore(
    '*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT\nCOMMIT\n',
  );
  const network = {
    namespace: () => undefined,
    netfilter: () => stack,
    netns: () => [],
    enter: () => {
      throw new Error('not entered');
    },
  };
  // ipset reads the node's netfilter only.
  return { node: { network, runtime: {} as NodeAccess['runtime'] }, stack };
}

describe('ipset in a kubectl debug node/ container', () => {
  it("lists the node's sets as ipset 7 does, one by name, or their names", async () => {
    const options = { node: node().node };
    const all = await runInImage('busybox', ['ipset', 'list'], options);
    expect(all.stdout).toMatch(
      /^Name: KUBE-CLUSTER-IP\nType: hash:ip,port\n.*\nReferences: 1\nNumber of entries: 1\nMembers:\n10\.96\.0\.10,udp:53\n\nName: KUBE-NODE-PORT-TCP\n/s,
    );
    const one = await runInImage('busybox', ['ipset', 'list', 'KUBE-NODE-PORT-TCP'], options);
    expect(one.stdout).toMatch(/^Name: KUBE-NODE-PORT-TCP\nType: bitmap:port\nRevision: 4\nHeader: range 0-65535\n/);
    expect((await runInImage('busybox', ['ipset', 'list', '-n'], options)).stdout).toBe(
      'KUBE-CLUSTER-IP\nKUBE-NODE-PORT-TCP\n',
    );
  });

  it('says a set does not exist, and changes nothing', async () => {
    const options = { node: node().node };
    expect(await runInImage('busybox', ['ipset', 'list', 'NOPE'], options)).toMatchObject({
      status: 1,
      stderr: 'ipset v7.17: The set with the given name does not exist\n',
    });
    expect((await runInImage('busybox', ['ipset', 'flush'], options)).status).toBe(1);
  });
});
