// busybox nslookup [-type=T] NAME [SERVER]: busybox's own queries through the network's DNS exchange when the
// container has a data plane (search domains, A and AAAA, PTR for addresses), else the container's resolver —
// printed in busybox's layout.

import { busyboxNslookup } from '../../../network/dns/busybox-nslookup.ts';
import type { RRType } from '../../../network/dns/message.ts';
import { parseResolvConf } from '../../../network/dns/resolv-conf.ts';
import type { Command } from '../process/command.ts';

function nameserver(resolvConf: string | undefined): string {
  return /^nameserver\s+(\S+)/m.exec(resolvConf ?? '')?.[1] ?? '127.0.0.1';
}

export const nslookupCommand: Command = async (context) => {
  const [name, server] = context.argv.slice(1).filter((arg) => !arg.startsWith('-'));
  if (name === undefined) {
    await context.stderr.write(
      'BusyBox v1.36.1 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n',
    );
    return 1;
  }
  const network = context.system.network;
  if (network.exchangeDns) {
    const typeArg = context.argv.find((arg) => arg.startsWith('-type=') || arg.startsWith('-query='));
    const type = typeArg?.split('=')[1]?.toUpperCase() as RRType | undefined;
    const conf = parseResolvConf(context.system.fs.read('/etc/resolv.conf') ?? '');
    const exchange = network.exchangeDns.bind(network);
    const run = busyboxNslookup(name, conf, exchange, { ...(server && { server }), ...(type && { type }) });
    await context.stdout.write(run.stdout);
    return run.exitCode;
  }
  const result = await network.lookup(name);
  if (result.status === 'timeout') {
    await context.stdout.write(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  const address = result.server ?? server ?? nameserver(context.system.fs.read('/etc/resolv.conf'));
  const header = `Server:\t\t${address}\nAddress:\t${address}:53\n\n`;
  if (result.status === 'nxdomain') {
    await context.stdout.write(`${header}** server can't find ${result.name}: NXDOMAIN\n\n`);
    return 1;
  }
  const answers = result.addresses.map((ip) => `Name:\t${result.name}\nAddress: ${ip}\n`).join('');
  await context.stdout.write(`${header}${answers}\n`);
  return 0;
};
