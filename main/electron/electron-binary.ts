// Finds the Electron binary `kubelab start` runs, without hanging: the electron package's own record of its download
// (path.txt and dist/) first; failing that, the package's index.js is required in a child process with a time limit
// (it downloads the binary on first use, which fails fast without a network). Answers the binary, or a short reason
// for the one line `kubelab start` prints before it serves the lab in the browser instead.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { binary: string } | { reason: string };

/** Long enough for a first download of Electron on a slow link; a refused or absent network fails in a second. */
const DOWNLOAD_TIMEOUT_MS = 90_000;

/** The Electron package of the checkout at `root`, or undefined when it is not installed. */
function electronPackageDir(root: string): string | undefined {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** The binary the package already downloaded, as its index.js finds it. */
async function downloadedBinary(packageDir: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  let executable: string;
  try {
    executable = (await readFile(join(packageDir, 'path.txt'), 'utf8')).trim();
  } catch {
    return undefined;
  }
  const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'), executable);
  return existsSync(binary) ? binary : undefined;
}

/** A short reason from the output of a failed `require('electron')`: its first error line. */
export function failureReason(stderr: string, exitCode: number | string | null): string {
  const error = /^\s*(?:\w*Error|Error \[\w+\]): (.+)$/m.exec(stderr)?.[1];
  if (error !== undefined) return `the download failed: ${error.trim()}`;
  return `require('electron') failed (exit ${exitCode ?? 'unknown'})`;
}

/** Requires the package in a child process (which may download the binary) and answers the path it gives. */
function requireInChild(packageDir: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ElectronBinary> {
  const script = `process.stdout.write('\\n' + require(${JSON.stringify(packageDir)}))`;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-e', script],
      { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error !== null) {
          const timedOut = error.killed === true && error.signal === 'SIGKILL';
          resolve({
            reason: timedOut
              ? `the download did not finish in ${timeoutMs / 1000} s`
              : failureReason(stderr, error.code ?? null),
          });
          return;
        }
        const binary = stdout.trim().split('\n').at(-1) ?? '';
        resolve(
          existsSync(binary) ? { binary } : { reason: `require('electron') named no binary (${binary || 'nothing'})` },
        );
      },
    );
  });
}

export async function findElectronBinary(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = DOWNLOAD_TIMEOUT_MS,
): Promise<ElectronBinary> {
  const packageDir = electronPackageDir(root);
  if (packageDir === undefined) return { reason: 'the electron package is not installed' };
  const binary = await downloadedBinary(packageDir, env);
  return binary !== undefined ? { binary } : requireInChild(packageDir, env, timeoutMs);
}
