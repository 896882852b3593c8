// One-line commands: true, false, clear, basename, dirname, which.

import type { Command } from '../process/command.ts';
import { basename, dirname } from '../process/paths.ts';

export const trueCommand: Command = async () => 0;
export const falseCommand: Command = async () => 1;

export const clearCommand: Command = async (context) => {
  await context.stdout.write('\x1b[H\x1b[J');
  return 0;
};

export const basenameCommand: Command = async (context) => {
  const [path, suffix] = context.argv.slice(1);
  if (path === undefined) {
    await context.stderr.write('basename: missing operand\n');
    return 1;
  }
  let name = basename(path);
  if (suffix !== undefined && name !== suffix && name.endsWith(suffix)) name = name.slice(0, -suffix.length);
  await context.stdout.write(name + '\n');
  return 0;
};

export const dirnameCommand: Command = async (context) => {
  const path = context.argv[1];
  if (path === undefined) {
    await context.stderr.write('dirname: missing operand\n');
    return 1;
  }
  await context.stdout.write(dirname(path) + '\n');
  return 0;
};

/** which NAME…: the first file of that name in a PATH directory. */
export const whichCommand: Command = async (context) => {
  const directories = (context.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':');
  let status = 0;
  let out = '';
  for (const name of context.argv.slice(1)) {
    const found = directories
      .map((directory) => `${directory}/${name}`)
      .find((path) => context.system.fs.read(path) !== undefined);
    if (found) out += found + '\n';
    else status = 1;
  }
  await context.stdout.write(out);
  return status;
};
