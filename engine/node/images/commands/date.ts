// date [-u] [-R] [-I] [-d @SECONDS] [+FORMAT]: the lab clock's time, in UTC, as busybox and coreutils print it.

import type { Command } from '../process/command.ts';
import { formatDate } from './strftime.ts';

export const dateCommand: Command = async (context) => {
  let ms = context.system.clock.now();
  let format = '%a %b %e %H:%M:%S %Z %Y';
  const args = context.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('+')) format = arg.slice(1);
    else if (arg === '-R') format = '%a, %d %b %Y %H:%M:%S %z';
    else if (arg.startsWith('-I')) format = arg.includes('seconds') ? '%Y-%m-%dT%H:%M:%S+00:00' : '%Y-%m-%d';
    else if (arg === '-d' || arg.startsWith('--date=')) {
      const value = arg === '-d' ? (args[++i] ?? '') : arg.slice(7);
      const seconds = /^@(\d+)$/.exec(value);
      if (!seconds) {
        await context.stderr.write(`date: invalid date '${value}'\n`);
        return 1;
      }
      ms = Number(seconds[1]) * 1000;
    } else if (arg !== '-u' && arg !== '--utc') {
      await context.stderr.write(`date: invalid date '${arg}'\n`);
      return 1;
    }
  }
  await context.stdout.write(formatDate(ms, format) + '\n');
  return 0;
};
