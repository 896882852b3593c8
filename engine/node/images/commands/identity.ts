// Who and where: hostname [-i], id, whoami, uname [-asnrvmo].

import type { Command } from '../process/command.ts';
import { machine } from '../machine.ts';

export const hostnameCommand: Command = async (context) => {
  const hostname = context.system.hostname;
  if (context.argv[1] === '-i') {
    const line = (context.system.fs.read('/etc/hosts') ?? '')
      .split('\n')
      .find((entry) => entry.split(/\s+/).slice(1).includes(hostname));
    const address = line?.split(/\s+/)[0];
    if (!address) {
      await context.stderr.write(`hostname: ${hostname}: Name or service not known\n`);
      return 1;
    }
    await context.stdout.write(address + '\n');
    return 0;
  }
  await context.stdout.write(hostname + '\n');
  return 0;
};

/** root's groups: its primary group, then every group listing root as a member (from /etc/group). */
export const idCommand: Command = async (context) => {
  const groups = ['0(root)'];
  for (const line of (context.system.fs.read('/etc/group') ?? '').split('\n')) {
    const [name, , gid, members = ''] = line.split(':');
    if (name && gid !== '0' && members.split(',').includes('root')) groups.push(`${gid}(${name})`);
  }
  await context.stdout.write(`uid=0(root) gid=0(root) groups=${groups.join(',')}\n`);
  return 0;
};

export const whoamiCommand: Command = async (context) => {
  await context.stdout.write('root\n');
  return 0;
};

export const unameCommand: Command = async (context) => {
  const fields: Record<string, string> = {
    s: 'Linux',
    n: context.system.hostname,
    r: machine.kernelRelease,
    v: machine.kernelVersion,
    m: machine.architecture,
    o: 'GNU/Linux',
  };
  const letters = context.argv.slice(1).flatMap((arg) => [...arg.replace(/^-/, '')]);
  const chosen = letters.includes('a')
    ? ['s', 'n', 'r', 'v', 'm', 'o']
    : letters.length > 0
      ? ['s', 'n', 'r', 'v', 'm', 'o'].filter((l) => letters.includes(l))
      : ['s'];
  await context.stdout.write(chosen.map((letter) => fields[letter]).join(' ') + '\n');
  return 0;
};
