// Test support: runs `kubelab serve` as a child process in a temporary directory and the real, installed kubectl
// against it with its own HOME, so suites exercise the lab exactly as a user does.

import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const KUBELAB = join(REPO_ROOT, 'main/cli/kubelab.mjs');

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Lab {
  dir: string;
  kubeconfig: string;
  url: string;
  process: ChildProcess;
  /** Output of the server so far (for failure messages). */
  log(): string;
  kubectl(
    args: string[],
    options?: { stdin?: string; timeoutMs?: number; env?: Record<string, string> },
  ): Promise<CommandResult>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `kubelab serve` flags for suites about the API's own behaviour on Deployments: no Deployment or ReplicaSet
 * controller changes them (their status stays as written) or adds pods and events of its own.
 */
export const STATIC_WORKLOADS = ['--controllers', '*,-deployment-controller,-replicaset-controller'];

export interface LabOptions {
  /** Extra `kubelab serve` flags. Without `--nodes`, the lab has its control-plane node alone (`--nodes 0`). */
  args?: string[];
  /** Reuse a directory (for restart tests); default a new temporary one. */
  dir?: string;
  readyTimeoutMs?: number;
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'kubelab-test-')));
  const home = join(dir, 'home');
  await mkdir(home, { recursive: true });
  const kubeconfig = join(dir, 'kubeconfig');
  const child = spawn(
    process.execPath,
    [
      KUBELAB,
      'serve',
      '--kubeconfig',
      kubeconfig,
      '--port',
      '0',
      ...(options.args?.includes('--nodes') ? [] : ['--nodes', '0']),
      ...(options.args ?? []),
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`kubelab did not get ready:\n${output}`)),
      options.readyTimeoutMs ?? 30_000,
    );
    const check = () => {
      const match = /ready at (https:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveReady(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kubelab exited with ${code} before ready:\n${output}`));
    });
  });

  const kubectl: Lab['kubectl'] = (args, opts = {}) =>
    new Promise((done) => {
      const proc = execFile(
        'kubectl',
        args,
        {
          env: { PATH: process.env['PATH'] ?? '', HOME: home, KUBECONFIG: kubeconfig, ...opts.env },
          timeout: opts.timeoutMs ?? 30_000,
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          done({ code, stdout, stderr });
        },
      );
      if (opts.stdin !== undefined) proc.stdin!.end(opts.stdin);
      else proc.stdin!.end();
    });

  return {
    dir,
    kubeconfig,
    url,
    process: child,
    log: () => output,
    kubectl,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once('exit', (code) => done(code));
        child.kill('SIGTERM');
      }),
  };
}

/** Removes a lab's directory after the lab stopped (`lab.stop()` first: this does not stop the process). */
export async function removeLab(lab: Lab): Promise<void> {
  await rm(lab.dir, { recursive: true, force: true });
}
