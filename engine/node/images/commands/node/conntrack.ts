// conntrack -L [-p PROTO] [-s ADDR] [-d ADDR] and conntrack -C: the connections the program's namespace tracks, as
// conntrack-tools prints them (the summary on stderr).

import type { ConntrackEntry } from '../../../../network/netfilter/conntrack.ts';
import { formatConntrackEntry } from '../../../../network/netfilter/conntrack.ts';
import type { Command } from '../../process/command.ts';
import { netfilterOf } from './netfilter-of.ts';

const NAME = 'conntrack v1.4.7 (conntrack-tools)';

function valueOf(args: readonly string[], ...names: string[]): string | undefined {
  const at = args.findIndex((arg) => names.includes(arg));
  return at < 0 ? undefined : args[at + 1];
}

export const conntrackCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  const entries: ConntrackEntry[] = netfilterOf(context)?.conntrack.entries() ?? [];
  if (args.includes('-C') || args.includes('--count')) {
    await context.stdout.write(`${entries.length}\n`);
    return 0;
  }
  if (!args.includes('-L') && !args.includes('--dump')) {
    await context.stderr.write(`${NAME}: this lab lists connections (conntrack -L) and counts them (-C)\n`);
    return 2;
  }
  const protocol = valueOf(args, '-p', '--proto');
  const src = valueOf(args, '-s', '--src', '--orig-src');
  const dst = valueOf(args, '-d', '--dst', '--orig-dst');
  const shown = entries.filter(
    ({ original }) =>
      (protocol === undefined || original.protocol === protocol) &&
      (src === undefined || original.src === src) &&
      (dst === undefined || original.dst === dst),
  );
  const now = context.system.clock.now();
  await context.stdout.write(shown.map((entry) => `${formatConntrackEntry(entry, now)}\n`).join(''));
  await context.stderr.write(`${NAME}: ${shown.length} flow entries have been shown.\n`);
  return 0;
};
