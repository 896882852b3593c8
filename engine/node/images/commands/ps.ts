// ps: the container's processes, in busybox's format.

import type { Command } from '../process/command.ts';

export const psCommand: Command = async (context) => {
  const rows = [...context.system.processes()].sort((a, b) => a.pid - b.pid);
  const lines = rows.map(
    (process) =>
      `${String(process.pid).padStart(5)} ${process.user.padEnd(8)} ${'0:00'.padStart(5)} ${process.command}\n`,
  );
  await context.stdout.write('PID   USER     TIME  COMMAND\n' + lines.join(''));
  return 0;
};
