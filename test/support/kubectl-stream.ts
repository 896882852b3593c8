// Test support: a long-running kubectl (`get -w`, `wait`, `rollout status`) against a lab, whose output a test can
// wait for while it runs, then stop. Uses the lab's kubeconfig and HOME, as Lab.kubectl does.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { CommandResult, Lab } from './lab-server.ts';

export interface RunningKubectl {
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /**
   * Resolves with stdout once the output satisfies `done` (rejects after timeoutMs, with the output so far). With
   * `-v=6`, kubectl logs each request on stderr as its response headers arrive: a watch is open once it is there.
   */
  waitForOutput(done: (stdout: string, stderr: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves when kubectl exits by itself. */
  exited: Promise<CommandResult>;
  /** Ends kubectl (SIGTERM) if it still runs, and resolves with what it printed. */
  stop(): Promise<CommandResult>;
}

export function spawnKubectl(lab: Lab, args: string[]): RunningKubectl {
  const child = spawn('kubectl', args, {
    env: { PATH: process.env['PATH'] ?? '', HOME: join(lab.dir, 'home'), KUBECONFIG: lab.kubeconfig },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const listener of listeners) listener();
  });
  const exited = new Promise<CommandResult>((resolve) => {
    child.once('close', (code) => {
      resolve({ code: code ?? 1, stdout, stderr });
      for (const listener of listeners) listener();
    });
  });

  const waitForOutput = (done: (out: string, err: string) => boolean, timeoutMs = 15_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (done(stdout, stderr)) {
          cleanup();
          resolve(stdout);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          cleanup();
          reject(new Error(`kubectl ${args.join(' ')} exited before the expected output:\n${stdout}\n${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`kubectl ${args.join(' ')} did not print the expected output:\n${stdout}\n${stderr}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  return {
    stdout: () => stdout,
    stderr: () => stderr,
    waitForOutput,
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
