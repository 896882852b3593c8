// ipvsadm -L -n (and --list): the IPVS virtual and real servers of the program's namespace — kube-proxy's in IPVS
// mode in the node's, none in a pod's.

import type { Command } from '../../process/command.ts';
import { netfilterOf } from './netfilter-of.ts';

const EMPTY = [
  'IP Virtual Server version 1.2.1 (size=4096)',
  'Prot LocalAddress:Port Scheduler Flags',
  '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  '',
].join('\n');

export const ipvsadmCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  const listing = args.length === 0 || args.some((arg) => /^-[a-zA-Z]*L/.test(arg) || arg === '--list');
  if (!listing) {
    await context.stderr.write('ipvsadm: this lab lists the IPVS table (ipvsadm -Ln) and changes nothing\n');
    return 2;
  }
  await context.stdout.write(netfilterOf(context)?.ipvs.list() ?? EMPTY);
  return 0;
};
