// sleep DURATION…: waits on the lab clock (N, N.N, with s/m/h/d suffixes, or "infinity"); a signal ends it early.

import type { Command } from '../process/command.ts';
import { signalStatus, sleepFor, whenAborted } from '../process/command.ts';

const units: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const sleepCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  if (args.length === 0) {
    await context.stderr.write('sleep: missing operand\n');
    return 1;
  }
  let ms = 0;
  for (const arg of args) {
    if (arg === 'inf' || arg === 'infinity') {
      ms = Infinity;
      continue;
    }
    const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!match) {
      await context.stderr.write(`sleep: invalid number '${arg}'\n`);
      return 1;
    }
    ms += Number(match[1]) * units[match[2]!]!;
  }
  if (ms === Infinity) await whenAborted(context.signal);
  else if (await sleepFor(context.system.clock, ms, context.signal)) return 0;
  return signalStatus(context.signal);
};
