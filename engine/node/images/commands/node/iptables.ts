// iptables-save [-t TABLE] [-c] and iptables [-t TABLE] -S|-L [CHAIN] [-n]: the tables of the program's namespace as
// iptables (nf_tables) prints them — kube-proxy's KUBE-* chains in the node's, nothing in a pod's.

import { TABLE_NAMES } from '../../../../network/netfilter/table.ts';
import type { Table, TableName } from '../../../../network/netfilter/table.ts';
import type { Command, CommandContext } from '../../process/command.ts';
import { listTable } from './iptables-list.ts';
import { netfilterOf } from './netfilter-of.ts';

const VERSION = 'iptables v1.8.10 (nf_tables)';

/** iptables-save's `-t TABLE`. */
function tableArgument(args: readonly string[]): TableName | string | undefined {
  const at = args.findIndex((arg) => arg === '-t' || arg === '--table');
  if (at < 0) return undefined;
  return args[at + 1] ?? '';
}

function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

export const iptablesSaveCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  const table = tableArgument(args);
  if (table !== undefined && !isTableName(table)) {
    await context.stderr.write(`iptables-save: Unable to initialize table '${table}'\n`);
    return 1;
  }
  const stack = netfilterOf(context);
  const counters = args.includes('-c') || args.includes('--counters');
  const text = stack?.iptables.save({ table, counters, now: context.system.clock.now() }) ?? '';
  await context.stdout.write(text);
  return 0;
};

/** `-S`: the policies, the user chains, then every rule, in the order iptables-save keeps them. */
function specLines(table: Table, only: string | undefined): string[] {
  const chains = [...table.chains.values()];
  const ordered = [
    ...chains.filter((chain) => chain.builtin),
    ...chains.filter((chain) => !chain.builtin).sort((a, b) => (a.name < b.name ? -1 : 1)),
  ].filter((chain) => only === undefined || chain.name === only);
  const lines = ordered.map((chain) => (chain.builtin ? `-P ${chain.name} ${chain.policy}` : `-N ${chain.name}`));
  for (const chain of ordered) for (const rule of chain.rules) lines.push(`-A ${chain.name}${rule.spec}`);
  return lines;
}

async function fail(context: CommandContext, message: string): Promise<number> {
  await context.stderr.write(`${message}\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
  return 2;
}

interface Request {
  table: string;
  action: 'list' | 'rules' | undefined;
  chain: string | undefined;
  numeric: boolean;
  unsupported: string | undefined;
}

/** `-t nat -L KUBE-SERVICES -n`, `-nL`, `--list-rules`: what to print, of which table and chain. */
function parseRequest(args: readonly string[]): Request {
  const request: Request = {
    table: 'filter',
    action: undefined,
    chain: undefined,
    numeric: false,
    unsupported: undefined,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const letters = arg.startsWith('--')
      ? ({ '--list': 'L', '--list-rules': 'S', '--numeric': 'n', '--table': 't' }[arg] ?? arg)
      : arg.startsWith('-')
        ? arg.slice(1)
        : undefined;
    if (letters === undefined) {
      request.chain = arg;
      continue;
    }
    for (const letter of letters.length > 1 && letters.startsWith('-') ? [letters] : [...letters]) {
      if (letter === 'L') request.action = 'list';
      else if (letter === 'S') request.action = 'rules';
      else if (letter === 'n') request.numeric = true;
      else if (letter === 't') request.table = args[++i] ?? '';
      else request.unsupported ??= letter.length === 1 ? `-${letter}` : letter;
    }
  }
  return request;
}

export const iptablesCommand: Command = async (context) => {
  const request = parseRequest(context.argv.slice(1));
  if (!isTableName(request.table)) {
    await context.stderr.write(
      `${VERSION}: can't initialize iptables table \`${request.table}': Table does not exist\n`,
    );
    return 3;
  }
  if (request.action === undefined || request.unsupported !== undefined) {
    const what = request.unsupported === undefined ? 'no command' : `option "${request.unsupported}"`;
    return fail(context, `${VERSION}: ${what}: this lab's iptables lists (-L [-n], -S) and changes nothing`);
  }
  const table = netfilterOf(context)?.iptables.table(request.table);
  const { chain } = request;
  if (chain !== undefined && table !== undefined && !table.chains.has(chain)) {
    await context.stderr.write(`iptables: No chain/target/match by that name.\n`);
    return 1;
  }
  if (table === undefined) return 0;
  const text =
    request.action === 'list'
      ? listTable(table, chain, request.numeric)
      : specLines(table, chain)
          .map((line) => `${line}\n`)
          .join('');
  await context.stdout.write(text);
  return 0;
};
