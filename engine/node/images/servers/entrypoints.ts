// The entrypoint scripts of the Docker official images, as commands: nginx's /docker-entrypoint.sh (announces its
// configuration scripts when starting nginx), httpd-foreground, and redis's docker-entrypoint.sh — each then runs
// the container's command.

import type { Command } from '../process/command.ts';

export const nginxEntrypoint: Command = async (context) => {
  const args = context.argv.slice(1);
  if (args[0] === 'nginx' || args[0] === 'nginx-debug') {
    const script = '/docker-entrypoint.sh';
    await context.stdout.write(
      `${script}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n` +
        `${script}: Looking for shell scripts in /docker-entrypoint.d/\n` +
        `${script}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n` +
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n' +
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n' +
        `${script}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n` +
        `${script}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n` +
        `${script}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n` +
        `${script}: Configuration complete; ready for start up\n`,
    );
  }
  return exec(context, args);
};

export const httpdForeground: Command = (context) => exec(context, ['httpd', '-DFOREGROUND', ...context.argv.slice(1)]);

/** docker-entrypoint.sh of images that only hand over to their command (redis). */
export const passThroughEntrypoint: Command = (context) => exec(context, context.argv.slice(1));

async function exec(context: Parameters<Command>[0], argv: string[]): Promise<number> {
  if (argv.length === 0) return 0;
  if (!context.system.resolve(argv[0]!)) {
    await context.stderr.write(`${context.argv[0]}: exec: ${argv[0]}: not found\n`);
    return 127;
  }
  return context.process.exec(argv);
}
