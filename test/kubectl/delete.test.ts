// Deleting: by name, by label, --all, the propagation policies, forced deletion, namespaces and their contents,
// finalizers that hold an object until they are removed, and server-side dry runs.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

const NS = 'deletes';

describe('deleting objects', () => {
  let lab: Lab;
  const kubectl = (...args: string[]) => lab.kubectl(['-n', NS, ...args]);
  const namesOf = async (resource: string, namespace = NS) =>
    (await lab.kubectl(['get', resource, '-n', namespace, '-o', 'name'])).stdout.split('\n').filter(Boolean);

  beforeAll(async () => {
    lab = await startLab();
    expect((await lab.kubectl(['create', 'namespace', NS])).code).toBe(0);
    // The root CA publisher's kube-root-ca.crt is there too, as in every namespace of a real cluster.
    expect((await kubectl('wait', '--for=create', 'configmap/kube-root-ca.crt', '--timeout=20s')).code).toBe(0);
  });

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it('deletes by name, and says NotFound for a name that is not there', async () => {
    await kubectl('create', 'configmap', 'one');
    expect(await kubectl('delete', 'configmap', 'one')).toMatchObject({ code: 0, stdout: 'configmap "one" deleted\n' });
    expect(await kubectl('delete', 'configmap', 'one')).toMatchObject({
      code: 1,
      stderr: 'Error from server (NotFound): configmaps "one" not found\n',
    });
    expect(await kubectl('delete', 'configmap', 'one', '--ignore-not-found')).toMatchObject({ code: 0, stdout: '' });
  });

  it('deletes by label selector, and everything of a kind with --all', async () => {
    // Secrets: unlike ConfigMaps (kube-root-ca.crt), no controller keeps one in every namespace.
    for (const [name, group] of [
      ['a1', 'a'],
      ['a2', 'a'],
      ['b1', 'b'],
    ]) {
      await kubectl('create', 'secret', 'generic', name!);
      await kubectl('label', 'secret', name!, `group=${group}`);
    }
    expect(await kubectl('delete', 'secret', '-l', 'group=a')).toMatchObject({
      code: 0,
      stdout: 'secret "a1" deleted\nsecret "a2" deleted\n',
    });
    expect(await namesOf('secrets')).toEqual(['secret/b1']);
    await kubectl('create', 'secret', 'generic', 'c1');
    expect(await kubectl('delete', 'secrets', '--all')).toMatchObject({
      code: 0,
      stdout: 'secret "b1" deleted\nsecret "c1" deleted\n',
    });
    expect(await kubectl('get', 'secrets')).toMatchObject({ stderr: 'No resources found in deletes namespace.\n' });
  });

  it('deletes in the background by default and with --cascade=background', async () => {
    await kubectl('create', 'deployment', 'bg', '--image=nginx');
    expect(await kubectl('delete', 'deployment', 'bg', '--cascade=background')).toMatchObject({
      code: 0,
      stdout: 'deployment.apps "bg" deleted\n',
    });
    expect((await kubectl('get', 'deployment', 'bg')).code).toBe(1);
  });

  it('force-deletes a pod with --grace-period=0 --force, warning that it may keep running', async () => {
    await kubectl('run', 'victim', '--image=nginx');
    const { code, stdout, stderr } = await kubectl('delete', 'pod', 'victim', '--grace-period=0', '--force');
    expect(code).toBe(0);
    expect(stdout).toBe('pod "victim" force deleted\n');
    expect(stderr).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
    expect((await kubectl('get', 'pod', 'victim')).code).toBe(1);
  });

  it('deletes an unscheduled pod at once, without waiting for a grace period', async () => {
    await kubectl('run', 'pending', '--image=nginx');
    expect(await kubectl('delete', 'pod', 'pending')).toMatchObject({ code: 0, stdout: 'pod "pending" deleted\n' });
    expect((await kubectl('get', 'pod', 'pending')).code).toBe(1);
  });

  it('keeps an object with a custom finalizer, marked for deletion, until a patch removes the finalizer', async () => {
    const held = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  namespace: ${NS}\n  finalizers:\n  - example.com/hold\n`;
    expect((await lab.kubectl(['create', '-f', '-'], { stdin: held })).code).toBe(0);
    expect(await kubectl('delete', 'configmap', 'held', '--wait=false')).toMatchObject({
      code: 0,
      stdout: 'configmap "held" deleted\n',
    });
    const marked = JSON.parse((await kubectl('get', 'configmap', 'held', '-o', 'json')).stdout);
    expect(marked.metadata).toMatchObject({
      finalizers: ['example.com/hold'],
      deletionGracePeriodSeconds: 0,
      deletionTimestamp: expect.stringMatching(/Z$/),
    });
    // A marked object can still be changed, but not given new finalizers.
    expect((await kubectl('label', 'configmap', 'held', 'late=yes')).code).toBe(0);
    const addFinalizer = await kubectl(
      'patch',
      'configmap',
      'held',
      '--type=json',
      '-p',
      '[{"op":"add","path":"/metadata/finalizers/-","value":"example.com/another"}]',
    );
    expect(addFinalizer.code).toBe(1);
    expect(addFinalizer.stderr).toBe(
      'The ConfigMap "held" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/another"}\n',
    );
    expect(
      await kubectl(
        'patch',
        'configmap',
        'held',
        '--type=json',
        '-p',
        '[{"op":"remove","path":"/metadata/finalizers"}]',
      ),
    ).toMatchObject({ code: 0, stdout: 'configmap/held patched\n' });
    expect(await kubectl('get', 'configmap', 'held')).toMatchObject({
      code: 1,
      stderr: 'Error from server (NotFound): configmaps "held" not found\n',
    });
  });

  it('delete --dry-run=server and =client leave the object in place', async () => {
    await kubectl('create', 'configmap', 'kept');
    expect(await kubectl('delete', 'configmap', 'kept', '--dry-run=server')).toMatchObject({
      code: 0,
      stdout: 'configmap "kept" deleted (server dry run)\n',
    });
    expect(await kubectl('delete', 'configmap', 'kept', '--dry-run=client')).toMatchObject({
      code: 0,
      stdout: 'configmap "kept" deleted (dry run)\n',
    });
    expect(await namesOf('configmaps')).toEqual(['configmap/kept', 'configmap/kube-root-ca.crt']);
  });

  describe('namespaces', () => {
    it('refuses to delete the default namespace', async () => {
      expect(await lab.kubectl(['delete', 'namespace', 'default'])).toMatchObject({
        code: 1,
        stderr: 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n',
      });
    });

    it('deletes a namespace together with what it contains', async () => {
      await lab.kubectl(['create', 'namespace', 'doomed']);
      await lab.kubectl(['create', 'configmap', 'c', '-n', 'doomed']);
      await lab.kubectl(['create', 'deployment', 'd', '--image=nginx', '-n', 'doomed']);
      await lab.kubectl(['create', 'secret', 'generic', 's', '--from-literal=a=b', '-n', 'doomed']);
      expect(await lab.kubectl(['delete', 'namespace', 'doomed'], { timeoutMs: 30_000 })).toMatchObject({
        code: 0,
        stdout: 'namespace "doomed" deleted\n',
      });
      expect(await lab.kubectl(['get', 'namespace', 'doomed'])).toMatchObject({
        code: 1,
        stderr: 'Error from server (NotFound): namespaces "doomed" not found\n',
      });
      const left = await lab.kubectl(['get', 'configmaps,deployments,secrets', '-n', 'doomed']);
      expect(left).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in doomed namespace.\n' });
    });

    it('keeps a namespace Terminating while content held by a finalizer remains, and refuses new content', async () => {
      await lab.kubectl(['create', 'namespace', 'stuck']);
      const held =
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  namespace: stuck\n  finalizers:\n  - example.com/hold\n';
      expect((await lab.kubectl(['create', '-f', '-'], { stdin: held })).code).toBe(0);
      expect(await lab.kubectl(['delete', 'namespace', 'stuck', '--wait=false'])).toMatchObject({
        code: 0,
        stdout: 'namespace "stuck" deleted\n',
      });
      const wait = await lab.kubectl([
        'wait',
        'namespace/stuck',
        '--for=jsonpath={.status.conditions[?(@.type=="NamespaceFinalizersRemaining")].status}=True',
        '--timeout=20s',
      ]);
      expect(wait).toMatchObject({ code: 0, stdout: 'namespace/stuck condition met\n' });
      const ns = JSON.parse((await lab.kubectl(['get', 'namespace', 'stuck', '-o', 'json'])).stdout);
      expect(ns.status.phase).toBe('Terminating');
      const condition = (type: string) =>
        (ns.status.conditions as { type: string; status: string; reason: string; message: string }[]).find(
          (c) => c.type === type,
        );
      expect(condition('NamespaceContentRemaining')).toMatchObject({
        status: 'True',
        reason: 'SomeResourcesRemain',
        message: 'Some resources are remaining: configmaps. has 1 resource instances',
      });
      expect(condition('NamespaceFinalizersRemaining')).toMatchObject({
        status: 'True',
        reason: 'SomeFinalizersRemain',
        message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
      });
      expect((await lab.kubectl(['get', 'namespace', 'stuck', '--no-headers'])).stdout).toMatch(
        /^stuck\s+Terminating\s+\d+s\n$/,
      );

      expect(await lab.kubectl(['create', 'configmap', 'late', '-n', 'stuck'])).toMatchObject({
        code: 1,
        stderr:
          'error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace stuck because it is being terminated\n',
      });

      const patched = await lab.kubectl([
        'patch',
        'configmap',
        'held',
        '-n',
        'stuck',
        '--type=merge',
        '-p',
        '{"metadata":{"finalizers":null}}',
      ]);
      expect(patched.code).toBe(0);
      expect(await lab.kubectl(['wait', '--for=delete', 'namespace/stuck', '--timeout=20s'])).toMatchObject({
        code: 0,
      });
      expect((await lab.kubectl(['get', 'namespace', 'stuck'])).code).toBe(1);
    });

    it('delete --dry-run=server of a namespace leaves it Active', async () => {
      await lab.kubectl(['create', 'namespace', 'safe']);
      expect(await lab.kubectl(['delete', 'namespace', 'safe', '--dry-run=server'])).toMatchObject({
        code: 0,
        stdout: 'namespace "safe" deleted (server dry run)\n',
      });
      expect((await lab.kubectl(['get', 'namespace', 'safe', '-o', 'jsonpath={.status.phase}'])).stdout).toBe('Active');
    });
  });
});
