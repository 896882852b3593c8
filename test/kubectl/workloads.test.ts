// The control loop as a kubectl user meets it on a lab with three workers: Deployments roll out, update, show their
// history and roll back; a Job runs to completion and its log is there; a pod no node can take is explained by the
// scheduler's message; exec runs in the container's shell; drain evicts a node's pods to the others; kubectl top
// reads the kubelets' usage; `get events -w` follows the cluster's events as they happen.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnKubectl } from '../support/kubectl-stream.ts';
import { eventually } from '../support/eventually.ts';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

const WAIT = ['--timeout=90s'];

describe('workloads on a three-node lab', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab({ args: ['--nodes', '3'], readyTimeoutMs: 90_000 });
    // Ten times faster lab time: image pulls, probes and back-offs take seconds, not minutes.
    const speed = await lab.kubectl(['patch', 'clock', 'cluster', '--type=merge', '-p', '{"spec":{"speed":10}}']);
    expect(speed).toMatchObject({ code: 0, stdout: 'clock.lab.kubelab.io/cluster patched\n' });
  }, 120_000);

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it('rolls a Deployment out, updates its image, lists its revisions and rolls it back', async () => {
    expect(await lab.kubectl(['create', 'deployment', 'web', '--image=nginx', '--replicas=3'])).toMatchObject({
      code: 0,
      stdout: 'deployment.apps/web created\n',
    });
    const first = await lab.kubectl(['rollout', 'status', 'deploy/web', ...WAIT], { timeoutMs: 100_000 });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/deployment "web" successfully rolled out\n$/);
    const pods = await lab.kubectl(['get', 'pods', '-l', 'app=web', '--no-headers']);
    expect(pods.stdout.trim().split('\n')).toHaveLength(3);
    expect(pods.stdout).toMatch(/^web-[a-z0-9]{8,10}-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+/m);

    expect(await lab.kubectl(['set', 'image', 'deploy/web', 'nginx=nginx:1.28'])).toMatchObject({
      code: 0,
      stdout: 'deployment.apps/web image updated\n',
    });
    expect((await lab.kubectl(['rollout', 'status', 'deploy/web', ...WAIT], { timeoutMs: 100_000 })).code).toBe(0);
    const history = await lab.kubectl(['rollout', 'history', 'deploy/web']);
    expect(history.stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');

    expect(await lab.kubectl(['rollout', 'undo', 'deploy/web'])).toMatchObject({
      code: 0,
      stdout: 'deployment.apps/web rolled back\n',
    });
    expect((await lab.kubectl(['rollout', 'status', 'deploy/web', ...WAIT], { timeoutMs: 100_000 })).code).toBe(0);
    const image = await lab.kubectl(['get', 'deploy/web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    expect(image.stdout).toBe('nginx');
    const revisions = await lab.kubectl(['rollout', 'history', 'deploy/web']);
    expect(revisions.stdout).toContain('2         <none>\n3         <none>\n');
  }, 300_000);

  it('runs a Job to completion and shows its log', async () => {
    expect(await lab.kubectl(['create', 'job', 'hello', '--image=busybox', '--', 'echo', 'hi'])).toMatchObject({
      code: 0,
      stdout: 'job.batch/hello created\n',
    });
    const done = await lab.kubectl(['wait', '--for=condition=complete', 'job/hello', ...WAIT], { timeoutMs: 100_000 });
    expect(done).toMatchObject({ code: 0, stdout: 'job.batch/hello condition met\n' });
    expect(await lab.kubectl(['logs', 'job/hello'])).toMatchObject({ code: 0, stdout: 'hi\n' });
    const jobs = await lab.kubectl(['get', 'job', 'hello', '--no-headers']);
    expect(jobs.stdout).toMatch(/^hello\s+Complete\s+1\/1\s+/);
  }, 120_000);

  it("explains a pod no node can take with the scheduler's message", async () => {
    const manifest = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: big}',
      'spec:',
      '  containers:',
      '  - {name: c, image: nginx, resources: {requests: {cpu: "500"}}}',
      '',
    ].join('\n');
    expect((await lab.kubectl(['create', '-f', '-'], { stdin: manifest })).code).toBe(0);
    const message =
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, ' +
      '3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, ' +
      '3 No preemption victims found for incoming pod.';
    const described = await eventually(
      () => lab.kubectl(['describe', 'pod', 'big']),
      (r) => r.stdout.includes(message),
    );
    expect(described.stdout).toMatch(/Status:\s+Pending/);
    expect(described.stdout).toMatch(/Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/4 nodes are available/);
    expect(described.stdout).toContain(message);
    expect((await lab.kubectl(['delete', 'pod', 'big', '--wait=false'])).code).toBe(0);
  }, 90_000);

  it('fails a pod with an unknown image with ErrImagePull and goes on', async () => {
    expect((await lab.kubectl(['run', 'ghost', '--image=kubelab/no-such-image:1'])).code).toBe(0);
    const pod = await eventually(
      () => lab.kubectl(['get', 'pod', 'ghost', '--no-headers']),
      (r) => /ErrImagePull|ImagePullBackOff/.test(r.stdout),
    );
    expect(pod.stdout).toMatch(/^ghost\s+0\/1\s+(ErrImagePull|ImagePullBackOff)\s+0\s+/);
    expect((await lab.kubectl(['delete', 'pod', 'ghost', '--wait=false'])).code).toBe(0);
  }, 90_000);

  it('execs into a Deployment’s pod', async () => {
    const echo = await lab.kubectl(['exec', 'deploy/web', '--', 'sh', '-c', 'echo hello from $HOSTNAME']);
    expect(echo.code).toBe(0);
    expect(echo.stdout).toMatch(/^hello from web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    const cat = await lab.kubectl(['exec', '-i', 'deploy/web', '--', 'cat'], { stdin: 'piped in\n' });
    expect(cat).toMatchObject({ code: 0, stdout: 'piped in\n' });
    const exit = await lab.kubectl(['exec', 'deploy/web', '--', 'sh', '-c', 'exit 3']);
    expect(exit.code).toBe(3);
    expect(exit.stderr).toContain('command terminated with exit code 3');
    const missing = await lab.kubectl(['exec', 'deploy/web', '--', 'nosuch']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('exec: "nosuch": executable file not found in $PATH: unknown');
    const env = await lab.kubectl(['exec', 'deploy/web', '--', 'sh', '-c', 'echo $KUBERNETES_SERVICE_HOST']);
    expect(env.stdout).toBe('10.96.0.1\n');
  }, 60_000);

  it('reads usage with kubectl top', async () => {
    const pods = await eventually(
      () => lab.kubectl(['top', 'pods', '-l', 'app=web']),
      (r) => r.code === 0 && /web-/.test(r.stdout),
    );
    expect(pods.stdout).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\n/);
    expect(pods.stdout).toMatch(/^web-\S+\s+\d+m\s+\d+Mi\s*$/m);
    const nodes = await lab.kubectl(['top', 'nodes']);
    expect(nodes.code).toBe(0);
    expect(nodes.stdout).toMatch(/^node-1\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*$/m);
  }, 60_000);

  it('drains a node: cordons it and evicts its pods, which come back elsewhere', async () => {
    const wide = await lab.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'wide', '--no-headers']);
    const busy = /\s(node-\d)\s/.exec(wide.stdout)?.[1] ?? 'node-2';
    const drain = await lab.kubectl(['drain', busy, '--ignore-daemonsets', '--timeout=90s'], { timeoutMs: 100_000 });
    expect(drain.code).toBe(0);
    expect(drain.stdout).toContain(`node/${busy} cordoned\n`);
    expect(drain.stdout).toMatch(/evicting pod default\/web-|pod\/web-\S+ evicted/);
    expect(drain.stdout).toContain(`node/${busy} drained\n`);
    expect(drain.stderr).toMatch(/Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-[a-z0-9]{5}/);
    const node = await lab.kubectl(['get', 'node', busy, '--no-headers']);
    expect(node.stdout).toMatch(new RegExp(`^${busy}\\s+Ready,SchedulingDisabled\\s+<none>\\s+`));
    expect((await lab.kubectl(['rollout', 'status', 'deploy/web', ...WAIT], { timeoutMs: 100_000 })).code).toBe(0);
    const after = await lab.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'wide', '--no-headers']);
    expect(after.stdout).not.toContain(` ${busy} `);
    expect(after.stdout.trim().split('\n')).toHaveLength(3);
    expect(await lab.kubectl(['uncordon', busy])).toMatchObject({ code: 0, stdout: `node/${busy} uncordoned\n` });
  }, 200_000);

  it('follows events with get events -w', async () => {
    const watch = spawnKubectl(lab, ['get', 'events', '-w', '--field-selector', 'involvedObject.name=watched']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await lab.kubectl(['run', 'watched', '--image=busybox', '--', 'sleep', '3600'])).code).toBe(0);
      const out = await watch.waitForOutput((stdout) => /Started\s+pod\/watched/.test(stdout), 60_000);
      expect(out).toMatch(/Normal\s+Scheduled\s+pod\/watched\s+Successfully assigned default\/watched to node-\d/);
      expect(out).toMatch(/Normal\s+Pulled\s+pod\/watched\s+/);
      expect(out).toMatch(/Normal\s+Created\s+pod\/watched\s+/);
    } finally {
      await watch.stop();
    }
  }, 90_000);
});
