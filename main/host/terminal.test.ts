import { chmod, mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findKubectl } from './kubectl-path.ts';
import { NO_KUBECTL_NOTICE, Terminal, userShell } from './terminal.ts';

async function fakeKubectl(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'kubelab-kubectl-')), 'bin');
  await mkdir(dir);
  const path = join(dir, 'kubectl');
  await writeFile(path, '#!/bin/sh\necho "fake kubectl $KUBECONFIG"\n');
  await chmod(path, 0o755);
  return path;
}

function run(kubectl: string | undefined, input: string): Promise<string> {
  return new Promise((resolve) => {
    let output = '';
    const terminal = new Terminal({
      cols: 80,
      rows: 24,
      kubeconfigPath: '/labs/x/kubeconfig',
      kubectl,
      onData: (data) => (output += data),
      onExit: () => resolve(output),
    });
    terminal.write(input);
  });
}

describe('findKubectl', () => {
  it('prefers the kubectl bundled with the app, then PATH', async () => {
    const onPath = await fakeKubectl();
    const bundled = await fakeKubectl();
    const PATH = `/nonexistent:${join(onPath, '..')}`;
    // A packaged app keeps it at <resources>/kubectl/kubectl.
    const resources = join(bundled, '..', '..');
    await rename(join(bundled, '..'), join(resources, 'kubectl'));
    expect(findKubectl({ PATH }, resources)).toBe(join(resources, 'kubectl', 'kubectl'));
    expect(findKubectl({ PATH })).toBe(onPath);
    expect(findKubectl({ PATH: '/nonexistent' }, '/nonexistent')).toBeUndefined();
  });
});

describe('Terminal', () => {
  it('runs the shell with KUBECONFIG set and the chosen kubectl first on PATH', async () => {
    const output = await run(await fakeKubectl(), 'kubectl; exit\r');
    expect(output).toContain('fake kubectl /labs/x/kubeconfig');
    expect(output).not.toContain(NO_KUBECTL_NOTICE);
  });

  it('says plainly when there is no kubectl', async () => {
    expect(await run(undefined, 'exit\r')).toContain('no kubectl was found');
  });

  it('runs the user shell: $SHELL, bash without it, PowerShell on Windows', () => {
    expect(userShell({ SHELL: '/bin/zsh' }, 'linux')).toBe('/bin/zsh');
    expect(userShell({}, 'darwin')).toBe('/bin/bash');
    expect(userShell({ SHELL: '/bin/zsh' }, 'win32')).toBe('powershell.exe');
  });
});
