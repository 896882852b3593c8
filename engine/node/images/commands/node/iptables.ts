// iptables-save [-t TABLE] [-c] and iptables [-t TABLE] -S [CHAIN]: the tables of the program's namespace as
// iptables (nf_tables) prints them — kube-proxy's KUBE-* chains in the node's, nothing in a pod's.

import { TABLE_NAMES } from '../../../../network/netfilter/table.ts';
import type { Table, TableName } from '../../../../network/netfilter/table.ts';
import type { Command, CommandContext } from '../../process/command.ts';
import { netfilterOf } from './netfilter-of.ts';

const VERSION = 'iptables v1.8.10 (nf_tables)';

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

export const iptablesCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  const tableName = tableArgument(args) ?? 'filter';
  if (!isTableName(tableName)) {
    await context.stderr.write(`${VERSION}: can't initialize iptables table \`${tableName}': Table does not exist\n`);
    return 3;
  }
  const at = args.findIndex((arg) => arg === '-S' || arg === '--list-rules');
  if (at < 0) return fail(context, `${VERSION}: this lab's iptables lists rules with -S (iptables-save for all)`);
  const stack = netfilterOf(context);
  const table = stack?.iptables.table(tableName);
  const chain = args[at + 1]?.startsWith('-') ? undefined : args[at + 1];
  if (chain !== undefined && table !== undefined && !table.chains.has(chain)) {
    await context.stderr.write(`iptables: No chain/target/match by that name.\n`);
    return 1;
  }
  const lines = table === undefined ? [] : specLines(table, chain);
  await context.stdout.write(lines.map((line) => `${line}\n`).join(''));
  return 0;
};
