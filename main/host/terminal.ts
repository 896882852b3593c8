// A lab terminal: the user's own shell in a pseudo-terminal (node-pty), started in their home folder with KUBECONFIG
// pointing at the lab and the chosen kubectl's folder first on PATH, so `kubectl …` typed there talks to the lab.

import { homedir } from 'node:os';
import { delimiter, dirname } from 'node:path';
import { spawn } from 'node-pty';
import type { IPty } from 'node-pty';

export interface TerminalOptions {
  cols: number;
  rows: number;
  kubeconfigPath: string;
  /** The kubectl to put first on PATH; undefined when none was found. */
  kubectl: string | undefined;
  onData(data: string): void;
  onExit(exitCode: number): void;
}

/** The shell to run: $SHELL (bash when unset) on Unix, PowerShell on Windows. */
export function userShell(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return 'powershell.exe';
  return env.SHELL || '/bin/bash';
}

export const NO_KUBECTL_NOTICE =
  'kubelab: no kubectl was found (none bundled, none on PATH). Install kubectl to run commands against this lab; ' +
  'KUBECONFIG is set for it.\r\n';

export class Terminal {
  private readonly pty: IPty;

  constructor(options: TerminalOptions) {
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    env.KUBECONFIG = options.kubeconfigPath;
    env.TERM = 'xterm-256color';
    if (options.kubectl) env.PATH = [dirname(options.kubectl), env.PATH ?? ''].join(delimiter);
    this.pty = spawn(userShell(), [], {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd: homedir(),
      env,
    });
    if (!options.kubectl) options.onData(NO_KUBECTL_NOTICE);
    this.pty.onData(options.onData);
    this.pty.onExit(({ exitCode }) => options.onExit(exitCode));
  }

  get shell(): string {
    return this.pty.process;
  }

  write(data: string): void {
    this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    this.pty.resize(cols, rows);
  }

  close(): void {
    this.pty.kill();
  }
}
