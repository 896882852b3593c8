// A lab's nodes as kubectl shows them: a control-plane node running the control-plane components as static pods
// and three workers, all Ready, with kubeadm's add-ons running; Leases renewed; the scheduler's decisions readable;
// and a NodeDown fault at thirty times real speed — the node goes Unknown, its pods are evicted and recreated on the
// other nodes within seconds of wall time — undone by deleting the Fault.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

describe('nodes of a three-worker lab', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab({ args: ['--nodes', '3'], readyTimeoutMs: 90_000 });
  }, 120_000);

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it('lists a Ready control-plane node and three Ready workers, as kubeadm builds them', async () => {
    const nodes = await lab.kubectl(['get', 'nodes', '-o', 'wide']);
    expect(nodes.code).toBe(0);
    const lines = nodes.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME$/,
    );
    const row = (name: string, role: string, ip: string) =>
      new RegExp(
        `^${name}\\s+Ready\\s+${role}\\s+\\S+\\s+v1\\.32\\.\\d+\\s+${ip.replaceAll('.', '\\.')}\\s+<none>\\s+` +
          `Debian GNU/Linux 12 \\(bookworm\\)\\s+\\S+\\s+containerd://\\S+$`,
      );
    expect(lines[1]).toMatch(row('control-plane', 'control-plane', '172.18.0.2'));
    expect(lines[2]).toMatch(row('node-1', '<none>', '172.18.0.3'));
    expect(lines[3]).toMatch(row('node-2', '<none>', '172.18.0.4'));
    expect(lines[4]).toMatch(row('node-3', '<none>', '172.18.0.5'));
    const taints = await lab.kubectl(['get', 'node', 'control-plane', '-o', 'jsonpath={.spec.taints}']);
    expect(JSON.parse(taints.stdout)).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    const cidr = await lab.kubectl(['get', 'node', 'node-1', '-o', 'jsonpath={.spec.podCIDR}']);
    expect(cidr.stdout).toMatch(/^10\.244\.\d+\.0\/24$/);
  });

  it('runs the control plane as static pods and CoreDNS and kube-proxy as add-ons', async () => {
    const pods = await lab.kubectl(['-n', 'kube-system', 'get', 'pods', '--no-headers']);
    const names = pods.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/));
    for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      expect(names.find((cells) => cells[0] === `${component}-control-plane`)?.slice(1, 3)).toEqual(['1/1', 'Running']);
    }
    expect(
      names.filter((cells) => /^coredns-[a-z0-9]+-[a-z0-9]{5}$/.test(cells[0]!) && cells[2] === 'Running'),
    ).toHaveLength(2);
    expect(names.filter((cells) => /^kube-proxy-[a-z0-9]{5}$/.test(cells[0]!) && cells[2] === 'Running')).toHaveLength(
      4,
    );
    const mirror = await lab.kubectl([
      '-n',
      'kube-system',
      'get',
      'pod',
      'etcd-control-plane',
      '-o',
      'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}',
    ]);
    expect(mirror.stdout).toBe('Node/control-plane');
    const components = await lab.kubectl(['get', 'componentstatuses', '--no-headers']);
    expect(components.stdout).toMatch(/^scheduler\s+Healthy\s+ok/m);
  });

  it("renews every node's Lease in kube-node-lease", async () => {
    const leases = await lab.kubectl(['-n', 'kube-node-lease', 'get', 'leases', '--no-headers']);
    expect(leases.stdout).toMatch(/^node-1\s+node-1\s+/m);
    expect(leases.stdout).toMatch(/^control-plane\s+control-plane\s+/m);
  });

  it("records the scheduler's decisions", async () => {
    expect((await lab.kubectl(['run', 'placed', '--image=nginx'])).code).toBe(0);
    const decision = await eventually(
      () => lab.kubectl(['get', 'schedulingdecision', 'placed', '-o', 'json']),
      (r) => r.code === 0 && JSON.parse(r.stdout).status?.phase === 'Scheduled',
    );
    const status = JSON.parse(decision.stdout).status;
    expect(status.nodeName).toMatch(/^node-\d$/);
    const attempt = status.attempts.at(-1);
    expect(attempt.filter.rejected).toContainEqual(
      expect.objectContaining({ node: 'control-plane', plugin: 'TaintToleration' }),
    );
    expect(attempt.score.nodes.length).toBe(3);
    const table = await lab.kubectl(['get', 'schedulingdecisions']);
    expect(table.stdout).toMatch(/^NAME\s+PHASE\s+NODE\s+ATTEMPTS\s+AGE\n/);
    expect(table.stdout).toMatch(/^placed\s+Scheduled\s+node-\d\s+1\s+/m);
  }, 60_000);

  it('takes a node down with a NodeDown fault and brings it back when the fault is deleted', async () => {
    expect((await lab.kubectl(['create', 'deployment', 'spread', '--image=nginx', '--replicas=6'])).code).toBe(0);
    expect(
      (await lab.kubectl(['rollout', 'status', 'deploy/spread', '--timeout=90s'], { timeoutMs: 100_000 })).code,
    ).toBe(0);
    const victims = (await lab.kubectl(['get', 'pods', '-l', 'app=spread', '-o', 'wide', '--no-headers'])).stdout
      .split('\n')
      .filter((line) => / node-1 /.test(line))
      .map((line) => line.split(/\s+/)[0]);
    expect((await lab.kubectl(['patch', 'clock', 'cluster', '--type=merge', '-p', '{"spec":{"speed":30}}'])).code).toBe(
      0,
    );
    const fault = [
      'apiVersion: lab.kubelab.io/v1alpha1',
      'kind: Fault',
      'metadata: {name: down}',
      'spec:',
      '  type: NodeDown',
      '  node: node-1',
      '',
    ];
    expect(await lab.kubectl(['create', '-f', '-'], { stdin: fault.join('\n') })).toMatchObject({
      code: 0,
      stdout: 'fault.lab.kubelab.io/down created\n',
    });
    // 40 s of lab time without a Lease renewal: NotReady (Unknown), tainted unreachable.
    const down = await eventually(
      () => lab.kubectl(['get', 'node', 'node-1', '--no-headers']),
      (r) => /^node-1\s+NotReady\s+/.test(r.stdout),
      30_000,
    );
    expect(down.stdout).toMatch(/^node-1\s+NotReady\s+/);
    const taints = await lab.kubectl(['get', 'node', 'node-1', '-o', 'jsonpath={.spec.taints[*].key}']);
    expect(taints.stdout).toContain('node.kubernetes.io/unreachable');
    // 300 s of lab time later (the default tolerationSeconds) its pods are evicted and replaced on other nodes. The
    // evicted ones stay Terminating, as on a real cluster: nobody on the dead node can confirm they stopped.
    const lines = (r: { stdout: string }) => r.stdout.trim().split('\n');
    const moved = await eventually(
      () => lab.kubectl(['get', 'pods', '-l', 'app=spread', '-o', 'wide', '--no-headers']),
      (r) =>
        victims.every((name) => lines(r).some((l) => l.startsWith(`${name} `) && / Terminating /.test(l))) &&
        lines(r).filter((l) => / Running /.test(l) && !/ node-1 /.test(l)).length === 6,
      60_000,
    );
    expect(lines(moved).filter((l) => / Running /.test(l) && !/ node-1 /.test(l))).toHaveLength(6);
    const events = await lab.kubectl(['get', 'events', '--field-selector', 'reason=TaintManagerEviction']);
    for (const name of victims) expect(events.stdout).toContain(`Marking for deletion Pod default/${name}`);

    expect((await lab.kubectl(['delete', 'fault', 'down'])).code).toBe(0);
    const back = await eventually(
      () => lab.kubectl(['get', 'node', 'node-1', '--no-headers']),
      (r) => /^node-1\s+Ready\s+/.test(r.stdout),
      30_000,
    );
    expect(back.stdout).toMatch(/^node-1\s+Ready\s+/);
    // Back up, its kubelet finds the evicted pods' containers gone and lets the pods go.
    const settled = await eventually(
      () => lab.kubectl(['get', 'pods', '-l', 'app=spread', '--no-headers']),
      (r) => !victims.some((name) => r.stdout.includes(name!)),
      30_000,
    );
    expect(lines(settled)).toHaveLength(6);
    expect((await lab.kubectl(['patch', 'clock', 'cluster', '--type=merge', '-p', '{"spec":{"speed":1}}'])).code).toBe(
      0,
    );
  }, 240_000);
});
