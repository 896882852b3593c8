// yes [STRING]: prints STRING (default "y") until its reader goes away or it is interrupted.

import { setImmediate } from 'node:timers';
import type { Command } from '../process/command.ts';
import { signalStatus } from '../process/command.ts';

export const yesCommand: Command = async (context) => {
  const line = (context.argv.length > 1 ? context.argv.slice(1).join(' ') : 'y') + '\n';
  const block = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  while (!context.signal.aborted) {
    if (!(await context.stdout.write(block))) return 0;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return signalStatus(context.signal);
};
