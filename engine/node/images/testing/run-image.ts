// Test support: runs a command in a catalogue image (its files in an in-memory filesystem, its environment) on a
// paused lab clock, and waits for it to exit.

import { findImage } from '../catalogue.ts';
import { MemoryFilesystem } from '../process/memory-filesystem.ts';
import type { NodeAccess } from '../node-access.ts';
import type { ImageDefinition, NetworkAccess } from '../program.ts';
import type { VirtualClock } from '../../../lab/clock.ts';
import { runProgram } from './run-program.ts';
import type { ProgramRun } from './run-program.ts';

export function catalogueImage(reference: string): ImageDefinition {
  const image = findImage(reference);
  if (!image) throw new Error(`no image ${reference} in the catalogue`);
  return image;
}

export interface ImageRunOptions {
  files?: Record<string, string>;
  env?: Record<string, string>;
  stdin?: string;
  network?: NetworkAccess;
  node?: NodeAccess;
  clock?: VirtualClock;
}

/** Starts `argv` in the image, with extra files (volumes) written over the image's. */
export function startInImage(reference: string, argv: string[], options: ImageRunOptions = {}): ProgramRun {
  const image = catalogueImage(reference);
  const fs = new MemoryFilesystem({ ...image.files, ...options.files }, image.directories ?? []);
  const run = runProgram(image.program, argv, {
    fs,
    env: { ...image.env, ...options.env },
    stdin: options.stdin !== undefined,
    network: options.network,
    node: options.node,
    clock: options.clock,
  });
  if (options.stdin !== undefined) run.stdin.end(options.stdin);
  return run;
}

/** Runs `argv` in the image to its end: exit status and output. */
export async function runInImage(
  reference: string,
  argv: string[],
  options: ImageRunOptions = {},
): Promise<{ status: number; stdout: string; stderr: string; run: ProgramRun }> {
  const run = startInImage(reference, argv, options);
  const status = await run.running.exited;
  await run.settle();
  return { status, stdout: run.stdout(), stderr: run.stderr(), run };
}
