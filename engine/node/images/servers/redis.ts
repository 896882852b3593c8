// redis-server: Redis's start-up banner lines, port 6379 (TCP, not HTTP: PING, ECHO and QUIT answered in RESP), and its
// shutdown lines on SIGTERM.

import type { Command, CommandContext } from '../process/command.ts';
import { daemon } from './daemon.ts';
import { redisConnection } from './redis-connection.ts';
import { redisTime } from './log-time.ts';

export function redisServerCommand(version: string): Command {
  return daemon((context) => {
    const port = Number(/--port\s+(\d+)/.exec(context.argv.join(' '))?.[1] ?? 6379);
    const line = (role: string, mark: string, text: string): string =>
      `1:${role} ${redisTime(context.system.clock.now())} ${mark} ${text}\n`;
    const startup = (c: CommandContext): { stdout: string } => ({
      stdout:
        line(
          'C',
          '#',
          "WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.",
        ) +
        line('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo') +
        line('C', '*', `Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`) +
        (c.argv.length > 1
          ? line('C', '*', 'Configuration loaded')
          : line(
              'C',
              '#',
              'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
            )) +
        line('M', '*', 'monotonic clock: POSIX clock_gettime') +
        line('M', '*', `Running mode=standalone, port=${port}.`) +
        line('M', '*', 'Server initialized') +
        line('M', '*', 'Ready to accept connections tcp'),
    });
    return {
      startup,
      ports: { [port]: undefined },
      connections: { [port]: redisConnection },
      usage: { cpuMillis: 2, memoryBytes: 3.6 * 1024 * 1024 },
      shutdown: () => ({
        stdout:
          `1:signal-handler (${Math.floor(context.system.clock.now() / 1000)}) Received SIGTERM scheduling shutdown...\n` +
          line('M', '*', 'User requested shutdown...') +
          line('M', '*', 'Saving the final RDB snapshot before exiting.') +
          line('M', '*', 'DB saved on disk') +
          line('M', '#', 'Redis is now ready to exit, bye bye...'),
      }),
    };
  });
}
