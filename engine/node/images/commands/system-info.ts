// The machine as a container sees it: df, free, uptime, nproc.

import type { Command, CommandContext } from '../process/command.ts';
import { machine } from '../machine.ts';
import { formatDate } from './strftime.ts';

export const dfCommand: Command = async (context) => {
  const human = context.argv.includes('-h');
  const used = Math.round(machine.diskKiB * 0.23);
  const rows: [string, number, number, string][] = [
    ['overlay', machine.diskKiB, used, '/'],
    ['tmpfs', 65536, 0, '/dev'],
    ['shm', 65536, 0, '/dev/shm'],
    ['/dev/sda1', machine.diskKiB, used, '/etc/hosts'],
  ];
  const size = (kib: number): string =>
    human ? (kib >= 1048576 ? `${(kib / 1048576).toFixed(1)}G` : `${Math.round(kib / 1024)}M`) : String(kib);
  const header = `Filesystem           ${human ? '     Size' : '1K-blocks'}      Used Available Use% Mounted on\n`;
  const lines = rows.map(([name, total, usedKiB, mount]) => {
    const percent = total === 0 ? 0 : Math.ceil((usedKiB / total) * 100);
    return `${name.padEnd(20)} ${size(total).padStart(9)} ${size(usedKiB).padStart(9)} ${size(total - usedKiB).padStart(9)} ${`${percent}%`.padStart(4)} ${mount}\n`;
  });
  await context.stdout.write(header + lines.join(''));
  return 0;
};

export const freeCommand: Command = async (context) => {
  const total = machine.memoryKiB;
  const used = Math.round(total * 0.18);
  const cache = Math.round(total * 0.21);
  const shared = 3016;
  const free = total - used - cache;
  const row = (values: number[]): string => values.map((value) => String(value).padStart(12)).join('');
  const text =
    '              total        used        free      shared  buff/cache   available\n' +
    `Mem:  ${row([total, used, free, shared, cache, total - used])}\n` +
    `Swap: ${row([0, 0, 0])}\n`;
  await context.stdout.write(text);
  return 0;
};

function uptimeSeconds(context: CommandContext): number {
  const now = context.system.clock.now();
  const started = Math.min(now, ...context.system.processes().map((process) => process.startedAt));
  return Math.floor((now - started) / 1000);
}

export const uptimeCommand: Command = async (context) => {
  const seconds = uptimeSeconds(context);
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const since = days > 0 ? `${days} day${days === 1 ? '' : 's'}, ` : '';
  const clock = hours > 0 ? `${String(hours).padStart(2)}:${String(minutes).padStart(2, '0')}` : `${minutes} min`;
  const time = formatDate(context.system.clock.now(), '%H:%M:%S');
  await context.stdout.write(` ${time} up ${since}${clock},  0 users,  load average: 0.08, 0.03, 0.01\n`);
  return 0;
};

export const nprocCommand: Command = async (context) => {
  await context.stdout.write(`${machine.cpus}\n`);
  return 0;
};
