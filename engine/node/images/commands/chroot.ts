// chroot NEWROOT [COMMAND [ARG]...]: runs the command (default `$SHELL -i`, else `/bin/sh -i`) with NEWROOT as its
// root. A system's root filesystem mounted there (the node's, at /host in a `kubectl debug node/` pod) brings its
// own programs — the node's bash, iptables-save, crictl — with the same network, node and terminal.

import type { Command } from '../process/command.ts';
import { resolvePath } from '../process/paths.ts';
import { systemRootOf } from '../process/system-roots.ts';

export const chrootCommand: Command = async (context) => {
  const [newRoot, ...command] = context.argv.slice(1);
  if (newRoot === undefined) {
    await context.stderr.write('BusyBox v1.36.1 multi-call binary.\n\nUsage: chroot NEWROOT [PROG ARGS]\n');
    return 1;
  }
  const { system } = context;
  const path = resolvePath(context.cwd, newRoot);
  if (!system.fs.isDirectory(path)) {
    await context.stderr.write(`chroot: can't change root directory to '${newRoot}': No such file or directory\n`);
    return 1;
  }
  const argv = command.length > 0 ? command : [context.env['SHELL'] ?? '/bin/sh', '-i'];
  const mounted = system.fs.mountedAt?.(path);
  const root = mounted === undefined ? undefined : systemRootOf(mounted);
  if (mounted === undefined || root === undefined) {
    await context.stderr.write(`chroot: can't execute '${argv[0]}': No such file or directory\n`);
    return 127;
  }
  const rooted = system.derive({ fs: mounted, commands: root.commands, userland: root.userland });
  if (rooted.resolve(argv[0]!) === undefined) {
    await context.stderr.write(`chroot: can't execute '${argv[0]}': No such file or directory\n`);
    return 127;
  }
  try {
    return await rooted.run(argv, { ...context, cwd: '/' });
  } finally {
    rooted.killAll();
  }
};
