// Test support: runs `kubelab web` as a child process in a temporary directory (API server and UI on free ports)
// and tells the page's address and token once it prints them; the e2e suite and the ui bench drive it.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './lab-server.ts';

export interface WebLab {
  dir: string;
  /** The page's address with its token fragment, as printed. */
  url: string;
  port: number;
  token: string;
  kubeconfig: string;
  /** A HOME for the lab's terminals and kubectl, inside the lab's directory. */
  home: string;
  process: ChildProcess;
  log(): string;
  stop(): Promise<number | null>;
}

export async function startWebLab(args: string[] = [], timeoutMs = 120_000): Promise<WebLab> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-web-'));
  const home = join(dir, 'home');
  await mkdir(home, { recursive: true });
  const kubeconfig = join(dir, 'kubeconfig');
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'main/cli/kubelab.mjs'), 'web', '--api-port', '0', '--kubeconfig', kubeconfig, ...args],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: home } },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kubelab web printed no address:\n${output}`)), timeoutMs);
    child.stdout!.on('data', () => {
      const match = /the lab is at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kubelab web exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    dir,
    url,
    port: Number(parsed.port),
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    kubeconfig,
    home,
    process: child,
    log: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once('exit', (code) => done(code));
        child.kill('SIGTERM');
      }),
  };
}
