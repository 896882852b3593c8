// Cascading deletion by the garbage collector as kubectl sees it: --cascade=foreground waits until the dependents are
// gone, --cascade=orphan leaves them without their ownerReference, background deletion collects them afterwards; and
// the root CA publisher's kube-root-ca.crt ConfigMap in every namespace.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

const NS = 'collected';

describe('garbage collection', () => {
  let lab: Lab;
  const kubectl = (...args: string[]) => lab.kubectl(['-n', NS, ...args]);
  const names = async () =>
    (await kubectl('get', 'configmaps', '-o', 'name')).stdout
      .split('\n')
      .filter((name) => name && name !== 'configmap/kube-root-ca.crt');

  /** Creates a ConfigMap owner and one dependent per entry (true: its reference blocks the owner's deletion). */
  const createFamily = async (owner: string, dependents: Record<string, boolean>) => {
    expect((await kubectl('create', 'configmap', owner)).code).toBe(0);
    const uid = (await kubectl('get', 'configmap', owner, '-o', 'jsonpath={.metadata.uid}')).stdout;
    for (const [name, block] of Object.entries(dependents)) {
      const manifest = [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        `  name: ${name}`,
        '  ownerReferences:',
        `  - {apiVersion: v1, kind: ConfigMap, name: ${owner}, uid: ${uid}, blockOwnerDeletion: ${block}}`,
        '',
      ].join('\n');
      expect((await lab.kubectl(['create', '-n', NS, '-f', '-'], { stdin: manifest })).code).toBe(0);
    }
  };

  beforeAll(async () => {
    lab = await startLab();
    expect((await lab.kubectl(['create', 'namespace', NS])).code).toBe(0);
  });

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it('delete --cascade=foreground returns once the owner and its dependents are gone', async () => {
    await createFamily('fg-owner', { 'fg-blocking': true, 'fg-other': false });
    expect(await kubectl('delete', 'configmap', 'fg-owner', '--cascade=foreground')).toMatchObject({
      code: 0,
      stdout: 'configmap "fg-owner" deleted\n',
    });
    expect((await kubectl('get', 'configmap', 'fg-owner')).code).toBe(1);
    expect((await kubectl('get', 'configmap', 'fg-blocking')).code).toBe(1);
    expect(await kubectl('wait', '--for=delete', 'configmap/fg-other', '--timeout=20s')).toMatchObject({ code: 0 });
  });

  it('delete --cascade=orphan returns once the dependents no longer name the owner, and keeps them', async () => {
    await createFamily('orphan-owner', { 'orphan-a': true, 'orphan-b': false });
    expect(await kubectl('delete', 'configmap', 'orphan-owner', '--cascade=orphan')).toMatchObject({
      code: 0,
      stdout: 'configmap "orphan-owner" deleted\n',
    });
    expect((await kubectl('get', 'configmap', 'orphan-owner')).code).toBe(1);
    for (const name of ['orphan-a', 'orphan-b']) {
      const refs = await kubectl('get', 'configmap', name, '-o', 'jsonpath={.metadata.ownerReferences}');
      expect(refs).toMatchObject({ code: 0, stdout: '' });
    }
    expect(await kubectl('delete', 'configmap', 'orphan-a', 'orphan-b')).toMatchObject({ code: 0 });
  });

  it('collects the dependents of an owner deleted in the background', async () => {
    await createFamily('bg-owner', { 'bg-a': false, 'bg-b': true });
    expect(await kubectl('delete', 'configmap', 'bg-owner')).toMatchObject({
      code: 0,
      stdout: 'configmap "bg-owner" deleted\n',
    });
    expect(await kubectl('wait', '--for=delete', 'configmap/bg-a', 'configmap/bg-b', '--timeout=20s')).toMatchObject({
      code: 0,
    });
    expect(await names()).toEqual([]);
  });

  it('shows kube-root-ca.crt in a new namespace, with the cluster CA', async () => {
    expect((await lab.kubectl(['create', 'namespace', 'fresh'])).code).toBe(0);
    expect(
      await lab.kubectl(['wait', '--for=create', 'configmap/kube-root-ca.crt', '-n', 'fresh', '--timeout=20s']),
    ).toMatchObject({ code: 0 });
    const { code, stdout } = await lab.kubectl(['get', 'cm', '-n', 'fresh']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^NAME\s+DATA\s+AGE\nkube-root-ca\.crt\s+1\s+\d+s\n$/);
    const ca = await lab.kubectl(['get', 'cm', 'kube-root-ca.crt', '-n', 'fresh', '-o', 'jsonpath={.data.ca\\.crt}']);
    expect(ca.stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n?$/);
  });
});
