// ipset list [-n|-name] [SETNAME] (also -L): the ipsets of the program's namespace as ipset 7 prints them —
// kube-proxy's in IPVS mode in the node's, none in a pod's. The lab lists sets and changes nothing.

import { formatIpsetList, setReferences } from '../../../../network/netfilter/ipset-list.ts';
import type { Command } from '../../process/command.ts';
import { netfilterOf } from './netfilter-of.ts';

const VERSION = 'ipset v7.17';

export const ipsetCommand: Command = async (context) => {
  const [command, ...rest] = context.argv.slice(1);
  if (command !== 'list' && command !== '-L' && command !== '--list') {
    await context.stderr.write(`${VERSION}: this lab lists the sets (ipset list) and changes nothing\n`);
    return 1;
  }
  const namesOnly = rest.some((arg) => arg === '-n' || arg === '-name');
  const name = rest.find((arg) => !arg.startsWith('-'));
  const netfilter = netfilterOf(context);
  const sets = netfilter?.ipsets.list() ?? [];
  const chosen = name === undefined ? sets : sets.filter((set) => set.name === name);
  if (name !== undefined && chosen.length === 0) {
    await context.stderr.write(`${VERSION}: The set with the given name does not exist\n`);
    return 1;
  }
  if (namesOnly) await context.stdout.write(chosen.map((set) => `${set.name}\n`).join(''));
  else await context.stdout.write(formatIpsetList(chosen, netfilter ? setReferences(netfilter.iptables) : new Map()));
  return 0;
};
