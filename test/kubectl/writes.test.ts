// Changing objects in place: label, annotate, scale, the patch types and sub-resources, set image, edit with an
// editor, the rollout verbs, and cordon / uncordon / taint on a node.

import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { STATIC_WORKLOADS, removeLab, startLab } from '../support/lab-server.ts';

const NS = 'writes';

describe('changing objects', () => {
  let lab: Lab;
  const kubectl = (...args: string[]) => lab.kubectl(['-n', NS, ...args]);
  const get = async (resource: string, name: string) =>
    JSON.parse((await kubectl('get', resource, name, '-o', 'json')).stdout);

  beforeAll(async () => {
    lab = await startLab({ args: STATIC_WORKLOADS });
    expect((await lab.kubectl(['create', 'namespace', NS])).code).toBe(0);
    // The root CA publisher's kube-root-ca.crt is there too, as in every namespace of a real cluster.
    expect((await kubectl('wait', '--for=create', 'configmap/kube-root-ca.crt', '--timeout=20s')).code).toBe(0);
    expect((await kubectl('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2')).code).toBe(0);
    expect((await kubectl('create', 'configmap', 'settings', '--from-literal=color=green')).code).toBe(0);
  });

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  describe('labels and annotations', () => {
    it('adds a label, refuses to overwrite it without --overwrite, overwrites and removes it', async () => {
      expect(await kubectl('label', 'deployment', 'web', 'tier=front')).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web labeled\n',
      });
      expect(await kubectl('label', 'deployment', 'web', 'tier=back')).toMatchObject({
        code: 1,
        stderr: "error: 'tier' already has a value (front), and --overwrite is false\n",
      });
      expect(await kubectl('label', 'deployment', 'web', 'tier=back', '--overwrite')).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web labeled\n',
      });
      expect((await get('deployment', 'web')).metadata.labels).toEqual({ app: 'web', tier: 'back' });
      expect(await kubectl('label', 'deployment', 'web', 'tier-')).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web unlabeled\n',
      });
      expect((await get('deployment', 'web')).metadata.labels).toEqual({ app: 'web' });
    });

    it('labels with a resourceVersion precondition conflict when the object changed since', async () => {
      const { code, stderr } = await kubectl('label', 'configmap', 'settings', 'x=y', '--resource-version=1');
      expect(code).toBe(1);
      expect(stderr).toBe(
        'Error from server (Conflict): Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again\n',
      );
    });

    it('labels every object of a kind with --all, and a namespace', async () => {
      expect(await kubectl('label', 'configmaps', '--all', 'audited=yes')).toMatchObject({
        code: 0,
        stdout: 'configmap/kube-root-ca.crt labeled\nconfigmap/settings labeled\n',
      });
      expect(await lab.kubectl(['label', 'namespace', NS, 'team=lab'])).toMatchObject({
        code: 0,
        stdout: `namespace/${NS} labeled\n`,
      });
      expect((await lab.kubectl(['get', 'ns', '-l', 'team=lab', '-o', 'name'])).stdout).toBe(`namespace/${NS}\n`);
    });

    it('annotates, and removes an annotation', async () => {
      expect(await kubectl('annotate', 'configmap', 'settings', 'owner=ops')).toMatchObject({
        code: 0,
        stdout: 'configmap/settings annotated\n',
      });
      expect((await get('configmap', 'settings')).metadata.annotations).toEqual({ owner: 'ops' });
      expect(await kubectl('annotate', 'configmap', 'settings', 'owner-')).toMatchObject({
        code: 0,
        stdout: 'configmap/settings annotated\n',
      });
      expect((await get('configmap', 'settings')).metadata.annotations).toBeUndefined();
    });
  });

  describe('scale', () => {
    it('scales a deployment, bumping its generation', async () => {
      const before = (await get('deployment', 'web')).metadata.generation as number;
      expect(await kubectl('scale', 'deployment', 'web', '--replicas=3')).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web scaled\n',
      });
      const after = await get('deployment', 'web');
      expect(after.spec.replicas).toBe(3);
      expect(after.metadata.generation).toBe(before + 1);
      expect((await kubectl('get', 'deployment', 'web', '--no-headers')).stdout).toMatch(/^web\s+0\/3\s+0\s+0\s+/);
    });

    it('scales only when --current-replicas matches', async () => {
      expect(await kubectl('scale', 'deployment', 'web', '--current-replicas=2', '--replicas=5')).toMatchObject({
        code: 1,
        stderr: 'error: Expected replicas to be 2, was 3\n',
      });
      expect(await kubectl('scale', 'deployment', 'web', '--current-replicas=3', '--replicas=4')).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web scaled\n',
      });
      expect((await get('deployment', 'web')).spec.replicas).toBe(4);
    });

    it('serves the scale sub-resource as an autoscaling/v1 Scale', async () => {
      const { stdout } = await lab.kubectl(['get', '--raw', `/apis/apps/v1/namespaces/${NS}/deployments/web/scale`]);
      const scale = JSON.parse(stdout);
      expect(scale).toMatchObject({
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: { name: 'web', namespace: NS },
        spec: { replicas: 4 },
        status: { replicas: 0, selector: 'app=web' },
      });
    });
  });

  describe('patch', () => {
    it('applies a strategic merge patch, merging containers by name', async () => {
      const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}';
      expect(await kubectl('patch', 'deployment', 'web', '-p', patch)).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web patched\n',
      });
      const containers = (await get('deployment', 'web')).spec.template.spec.containers;
      expect(containers).toHaveLength(1);
      expect(containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.28', imagePullPolicy: 'IfNotPresent' });
      expect(await kubectl('patch', 'deployment', 'web', '-p', patch)).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web patched (no change)\n',
      });
    });

    it('applies a JSON merge patch and a JSON patch', async () => {
      expect(
        await kubectl('patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"minReadySeconds":5}}'),
      ).toMatchObject({ code: 0, stdout: 'deployment.apps/web patched\n' });
      const ops =
        '[{"op":"replace","path":"/spec/revisionHistoryLimit","value":3},{"op":"add","path":"/metadata/labels/extra","value":"yes"}]';
      expect(await kubectl('patch', 'deployment', 'web', '--type=json', '-p', ops)).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web patched\n',
      });
      const deploy = await get('deployment', 'web');
      expect(deploy.spec).toMatchObject({ minReadySeconds: 5, revisionHistoryLimit: 3 });
      expect(deploy.metadata.labels).toEqual({ app: 'web', extra: 'yes' });
    });

    it('refuses a JSON patch whose test operation fails, changing nothing', async () => {
      const before = (await get('deployment', 'web')).metadata.resourceVersion;
      const { code, stderr } = await kubectl(
        'patch',
        'deployment',
        'web',
        '--type=json',
        '-p',
        '[{"op":"test","path":"/spec/replicas","value":99},{"op":"replace","path":"/spec/replicas","value":1}]',
      );
      expect(code).toBe(1);
      expect(stderr).toBe('The request is invalid: the server rejected our request due to an error in our request\n');
      expect((await get('deployment', 'web')).metadata.resourceVersion).toBe(before);
    });

    it('warns about an unknown field in a patch (the server default is fieldValidation=Warn)', async () => {
      const { code, stdout, stderr } = await kubectl(
        'patch',
        'configmap',
        'settings',
        '--type=merge',
        '-p',
        '{"data":{"size":"L"},"bogus":1}',
      );
      expect(code).toBe(0);
      expect(stdout).toBe('configmap/settings patched\n');
      expect(stderr).toBe('Warning: unknown field "bogus"\n');
    });

    it('patches the status sub-resource, which changes only status', async () => {
      const before = await get('deployment', 'web');
      const patch = '{"spec":{"replicas":9},"status":{"replicas":2,"observedGeneration":1}}';
      expect(
        await kubectl('patch', 'deployment', 'web', '--subresource=status', '--type=merge', '-p', patch),
      ).toMatchObject({ code: 0, stdout: 'deployment.apps/web patched\n' });
      const after = await get('deployment', 'web');
      expect(after.status).toMatchObject({ replicas: 2, observedGeneration: 1 });
      expect(after.spec.replicas).toBe(before.spec.replicas);
      expect(after.metadata.generation).toBe(before.metadata.generation);
    });

    it('patches the scale sub-resource', async () => {
      const { code, stdout } = await kubectl(
        'patch',
        'deployment',
        'web',
        '--subresource=scale',
        '--type=merge',
        '-p',
        '{"spec":{"replicas":6}}',
      );
      expect({ code, stdout }).toEqual({ code: 0, stdout: 'scale.autoscaling/web patched\n' });
      expect((await get('deployment', 'web')).spec.replicas).toBe(6);
    });

    it('refuses a strategic patch that gives spec.replicas a string as an invalid patch', async () => {
      const { code, stderr } = await kubectl('patch', 'deployment', 'web', '-p', '{"spec":{"replicas":"x"}}');
      expect(code).toBe(1);
      expect(stderr).toBe(
        'The request is invalid: patch: Invalid value: "map[spec:map[replicas:x]]": cannot convert string to int32\n',
      );
    });
  });

  describe('set image, edit and rollout', () => {
    it('sets the image of a container, and refuses an unknown container', async () => {
      expect(await kubectl('set', 'image', 'deployment/web', 'nginx=nginx:1.29')).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web image updated\n',
      });
      expect((await get('deployment', 'web')).spec.template.spec.containers[0].image).toBe('nginx:1.29');
      expect(await kubectl('set', 'image', 'deployment/web', 'sidecar=busybox')).toMatchObject({
        code: 1,
        stderr: 'error: unable to find container named "sidecar"\n',
      });
    });

    it('edits with the editor in KUBE_EDITOR', async () => {
      const editor = join(lab.dir, 'editor.sh');
      await writeFile(editor, '#!/bin/sh\nsed -i "s/color: green/color: purple/" "$1"\n');
      await chmod(editor, 0o755);
      const edited = await lab.kubectl(['-n', NS, 'edit', 'configmap', 'settings'], { env: { KUBE_EDITOR: editor } });
      expect(edited).toMatchObject({ code: 0, stdout: 'configmap/settings edited\n' });
      expect((await get('configmap', 'settings')).data.color).toBe('purple');
      const unchanged = await lab.kubectl(['-n', NS, 'edit', 'configmap', 'settings'], {
        env: { KUBE_EDITOR: 'true' },
      });
      expect(unchanged).toMatchObject({ code: 0, stdout: '', stderr: 'Edit cancelled, no changes made.\n' });
    });

    it('reports what is wrong when the edited object is invalid, keeping the stored one', async () => {
      const editor = join(lab.dir, 'bad-editor.sh');
      await writeFile(editor, '#!/bin/sh\nsed -i "s/replicas: 6/replicas: -1/" "$1"\n');
      await chmod(editor, 0o755);
      const { code, stderr } = await lab.kubectl(['-n', NS, 'edit', 'deployment', 'web'], {
        env: { KUBE_EDITOR: editor },
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^error: deployments\.apps "web" is invalid\n/);
      expect(stderr).toMatch(/A copy of your changes has been stored to "[^"]+"/);
      expect(stderr).toMatch(/^error: Edit cancelled, no valid changes were saved\.$/m);
      expect((await get('deployment', 'web')).spec.replicas).toBe(6);
    });

    it('pauses and resumes a rollout, refusing to do either twice', async () => {
      expect(await kubectl('rollout', 'pause', 'deployment/web')).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web paused\n',
      });
      expect((await get('deployment', 'web')).spec.paused).toBe(true);
      expect(await kubectl('rollout', 'pause', 'deployment/web')).toMatchObject({
        code: 1,
        stderr: 'error: deployments.apps "web" is already paused\n',
      });
      expect(await kubectl('rollout', 'resume', 'deployment/web')).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web resumed\n',
      });
      expect((await get('deployment', 'web')).spec.paused).toBeUndefined();
      expect(await kubectl('rollout', 'resume', 'deployment/web')).toMatchObject({
        code: 1,
        stderr: 'error: deployments.apps "web" is not paused\n',
      });
    });

    it('restarts a rollout by stamping the pod template with restartedAt', async () => {
      const before = (await get('deployment', 'web')).metadata.generation as number;
      expect(await kubectl('rollout', 'restart', 'deployment/web')).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web restarted\n',
      });
      const after = await get('deployment', 'web');
      expect(after.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-Z]/,
      );
      expect(after.metadata.generation).toBe(before + 1);
    });

    it.todo(
      'rollout history lists the revisions of a deployment (needs the deployment controller: ReplicaSets with deployment.kubernetes.io/revision)',
    );
  });

  describe('nodes', () => {
    beforeAll(async () => {
      const node =
        'apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-1\n  labels:\n    kubernetes.io/hostname: worker-1\n';
      expect(await lab.kubectl(['create', '-f', '-'], { stdin: node })).toMatchObject({
        code: 0,
        stdout: 'node/worker-1 created\n',
      });
    });

    it('lists a node without a Ready condition as Unknown', async () => {
      const { stdout } = await lab.kubectl(['get', 'node', 'worker-1']);
      expect(stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nworker-1\s+Unknown\s+<none>\s+\d+s\s*\n$/);
    });

    it('cordons and uncordons a node', async () => {
      expect(await lab.kubectl(['cordon', 'worker-1'])).toMatchObject({ code: 0, stdout: 'node/worker-1 cordoned\n' });
      expect(await lab.kubectl(['cordon', 'worker-1'])).toMatchObject({
        code: 0,
        stdout: 'node/worker-1 already cordoned\n',
      });
      expect((await lab.kubectl(['get', 'node', 'worker-1', '--no-headers'])).stdout).toMatch(
        /^worker-1\s+Unknown,SchedulingDisabled\s+<none>/,
      );
      expect(await lab.kubectl(['uncordon', 'worker-1'])).toMatchObject({
        code: 0,
        stdout: 'node/worker-1 uncordoned\n',
      });
      const node = JSON.parse((await lab.kubectl(['get', 'node', 'worker-1', '-o', 'json'])).stdout);
      expect(node.spec.unschedulable).toBeUndefined();
    });

    it('taints a node, refuses the same taint twice, and removes it', async () => {
      expect(await lab.kubectl(['taint', 'nodes', 'worker-1', 'dedicated=lab:NoSchedule'])).toMatchObject({
        code: 0,
        stdout: 'node/worker-1 tainted\n',
      });
      expect(await lab.kubectl(['taint', 'nodes', 'worker-1', 'dedicated=lab:NoSchedule'])).toMatchObject({
        code: 1,
        stderr: 'error: node worker-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
      });
      const node = JSON.parse((await lab.kubectl(['get', 'node', 'worker-1', '-o', 'json'])).stdout);
      expect(node.spec.taints).toEqual([{ key: 'dedicated', value: 'lab', effect: 'NoSchedule' }]);
      expect(await lab.kubectl(['taint', 'nodes', 'worker-1', 'dedicated:NoSchedule-'])).toMatchObject({
        code: 0,
        stdout: 'node/worker-1 untainted\n',
      });
      const described = (await lab.kubectl(['describe', 'node', 'worker-1'])).stdout;
      expect(described).toMatch(/^Taints:\s+<none>$/m);
      expect(described).toMatch(/^Unschedulable:\s+false$/m);
    });
  });
});
