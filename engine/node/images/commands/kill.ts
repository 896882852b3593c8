// kill [-SIGNAL | -s SIGNAL | -l] PID…: signals processes of the container.

import type { Command } from '../process/command.ts';
import { signalName, signalNumber } from '../process/command.ts';

const listed = [
  'HUP',
  'INT',
  'QUIT',
  'ILL',
  'TRAP',
  'ABRT',
  'BUS',
  'FPE',
  'KILL',
  'USR1',
  'SEGV',
  'USR2',
  'PIPE',
  'ALRM',
  'TERM',
];

function parseSignal(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const name = `SIG${text.toUpperCase().replace(/^SIG/, '')}`;
  return signalName(signalNumber(name)) === name ? signalNumber(name) : undefined;
}

export const killCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  if (args[0] === '-l') {
    await context.stdout.write(listed.map((name, i) => `${i + 1}) ${name}`).join('\n') + '\n');
    return 0;
  }
  let signal = 15;
  const first = args[0];
  if (first === '-s' || (first?.startsWith('-') && first !== '--')) {
    const text = first === '-s' ? (args[1] ?? '') : first.slice(1);
    args.splice(0, first === '-s' ? 2 : 1);
    const parsed = parseSignal(text);
    if (parsed === undefined) {
      await context.stderr.write(`kill: bad signal name '${text}'\n`);
      return 1;
    }
    signal = parsed;
  }
  if (args.length === 0) {
    await context.stderr.write(
      'kill: usage: kill [-s sigspec | -signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
    );
    return 1;
  }
  let status = 0;
  for (const arg of args) {
    if (!/^\d+$/.test(arg) || !context.system.kill(Number(arg), signal)) {
      await context.stderr.write(`kill: can't kill pid ${arg}: No such process\n`);
      status = 1;
    }
  }
  return status;
};
