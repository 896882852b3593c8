// Entrypoint scripts of Docker official images that only hand over to their command: httpd-foreground and redis's
// docker-entrypoint.sh.

import type { Command } from '../process/command.ts';

export const httpdForeground: Command = (context) => exec(context, ['httpd', '-DFOREGROUND', ...context.argv.slice(1)]);

/** docker-entrypoint.sh of images that only hand over to their command (redis). */
export const passThroughEntrypoint: Command = (context) => exec(context, context.argv.slice(1));

/** `exec "$@"` at the end of an entrypoint script: the command replaces the script, or the shell says it is not found. */
export async function exec(context: Parameters<Command>[0], argv: string[]): Promise<number> {
  if (argv.length === 0) return 0;
  if (!context.system.resolve(argv[0]!)) {
    await context.stderr.write(`${context.argv[0]}: exec: ${argv[0]}: not found\n`);
    return 127;
  }
  return context.process.exec(argv);
}
