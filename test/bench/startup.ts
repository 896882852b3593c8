// `npm run bench -- startup [--runs N]`: time from process start to the `ready` line of `kubelab serve` — its three
// workers and the control-plane node Ready, the system pods Running — and the resident memory of the idle lab a few
// seconds later. Median of several fresh starts.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/lab-server.ts';

const IDLE_SETTLE_MS = 3000;

interface Sample {
  secondsToReady: number;
  idleRssMiB: number;
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function startOnce(): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-bench-'));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(REPO_ROOT, 'main/cli/kubelab.mjs'),
      'serve',
      '--port',
      '0',
      '--nodes',
      '3',
      '--kubeconfig',
      join(dir, 'kubeconfig'),
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const secondsToReady = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('ready')) resolve((performance.now() - started) / 1000);
      });
      child.once('exit', (code) => reject(new Error(`kubelab exited with ${code}`)));
    });
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    return { secondsToReady, idleRssMiB: await rssMiB(child.pid!) };
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    await rm(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const sample = await startOnce();
    console.error(
      `run ${i + 1}/${runs}: ready in ${sample.secondsToReady.toFixed(3)} s, idle RSS ${sample.idleRssMiB.toFixed(1)} MiB`,
    );
    samples.push(sample);
  }
  return {
    secondsToReady: Number(median(samples.map((s) => s.secondsToReady)).toFixed(3)),
    idleRssMiB: Number(median(samples.map((s) => s.idleRssMiB)).toFixed(1)),
    runs,
    samples,
  };
}
