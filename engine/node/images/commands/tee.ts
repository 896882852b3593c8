// tee [-a] [FILE…]: copies stdin to stdout and to files.

import type { Command } from '../process/command.ts';
import { cannotWrite, fileOutput } from '../process/files.ts';
import { strerror } from '../process/errno.ts';
import type { OutputStream } from '../process/streams.ts';
import { options, pathOf } from './command-kit.ts';

export const teeCommand: Command = async (context) => {
  const parsed = await options(context, 'ai');
  if (!parsed) return 1;
  let status = 0;
  const outputs: OutputStream[] = [];
  for (const operand of parsed.operands) {
    const path = pathOf(context, operand);
    const errno = path === '/dev/null' ? undefined : cannotWrite(context.system.fs, path);
    if (errno) {
      await context.stderr.write(`tee: ${operand}: ${strerror(errno)}\n`);
      status = 1;
    } else outputs.push(fileOutput(context.system.fs, path, parsed.flags.has('a')));
  }
  for (let chunk = await context.stdin.read(); chunk !== null; chunk = await context.stdin.read()) {
    for (const output of outputs) await output.write(chunk);
    if (!(await context.stdout.write(chunk))) return 141;
  }
  return status;
};
