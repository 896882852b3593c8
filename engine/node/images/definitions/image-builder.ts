// Builds ImageDefinitions from a userland, the image's own commands and files: the program is the command table,
// the PATH directories list every command, and the digest is derived from the repository and version so that it is
// the same on every node and in every run.

import { createHash } from 'node:crypto';
import type { Command, Userland } from '../process/command.ts';
import { commandProgram } from '../process/command-program.ts';
import type { ImageDefinition } from '../program.ts';

export const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface ImageSpec extends Omit<ImageDefinition, 'program' | 'workingDir' | 'exposedPorts' | 'env' | 'digest'> {
  commands: Record<string, Command>;
  userland: Userland;
  workingDir?: string;
  exposedPorts?: number[];
  env?: Record<string, string>;
}

/** An image whose program is given as it is (the pause image's). */
export function imageWithProgram(definition: Omit<ImageDefinition, 'digest'>): ImageDefinition {
  const digest = createHash('sha256')
    .update(`kubelab ${definition.repository}:${definition.tags[0] ?? ''}`)
    .digest('hex');
  return { ...definition, digest: `sha256:${digest}` };
}

export function image(spec: ImageSpec): ImageDefinition {
  const { commands, userland, ...definition } = spec;
  return imageWithProgram({
    workingDir: '/',
    exposedPorts: [],
    env: { PATH: defaultPath },
    ...definition,
    program: commandProgram(new Map(Object.entries(commands)), userland),
  });
}
