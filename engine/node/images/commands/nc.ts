// busybox nc [-z] [-v] [-w SEC] HOST PORT: checks that a TCP port accepts connections.

import type { Command } from '../process/command.ts';
import { connectErrors, resolveHost, secondsFlag } from './url.ts';

export const ncCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  const flags = new Set<string>();
  const operands: string[] = [];
  let timeoutMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-w') timeoutMs = secondsFlag(args[++i]);
    else if (arg === '-W') i++;
    else if (arg.startsWith('-')) for (const letter of arg.slice(1)) flags.add(letter);
    else operands.push(arg);
  }
  const [host, port] = operands;
  if (host === undefined || port === undefined || !/^\d+$/.test(port)) {
    await context.stderr.write(
      'BusyBox v1.36.1 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n',
    );
    return 1;
  }
  const wait = { timeoutMs, signal: context.signal };
  const address = await resolveHost(context.system.network, host, wait);
  if (!address) {
    await context.stderr.write(`nc: bad address '${host}'\n`);
    return 1;
  }
  const outcome = await context.system.network.connect(address, Number(port), wait);
  if (outcome !== 'connected') {
    const text = flags.has('z')
      ? `nc: ${host} (${address}:${port}): ${connectErrors[outcome]}`
      : `nc: can't connect to remote host (${address}): ${connectErrors[outcome]}`;
    await context.stderr.write(text + '\n');
    return 1;
  }
  if (flags.has('v')) await context.stderr.write(`${host} (${address}:${port}) open\n`);
  if (!flags.has('z')) await context.stdin.readAll();
  return 0;
};
