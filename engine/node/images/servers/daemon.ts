// A long-running server process described as data: the log lines it writes at start and at SIGTERM, the ports it
// listens on (with an HTTP handler for probes, or a connection handler for a protocol of its own), and its steady
// resource use. An idle daemon holds no timer.

import type { Duplex } from 'node:stream';
import type { DatagramHandler } from '../program.ts';
import type { Command, CommandContext, HttpHandler, Usage } from '../process/command.ts';
import { sleepFor, whenAborted } from '../process/command.ts';
import { serverUsage } from './server-usage.ts';

export interface DaemonSpec {
  /** Log lines at start: to stdout, or (with `stderr`) to stderr. */
  startup(context: CommandContext): { stdout?: string; stderr?: string };
  /** Lab time from start until the ports open and the ready lines are written. */
  readyAfterMs?: number;
  ready?(context: CommandContext): { stdout?: string; stderr?: string };
  ports: Record<number, HttpHandler | undefined>;
  /** The server end of each new connection to a port where the daemon speaks a protocol other than HTTP. */
  connections?: Record<number, () => Duplex>;
  /** The answer to each UDP datagram on a port (DNS). */
  datagrams?: Record<number, DatagramHandler>;
  usage: Usage;
  shutdown?(context: CommandContext): { stdout?: string; stderr?: string };
  exitCode?: number;
}

async function write(context: CommandContext, output: { stdout?: string; stderr?: string } | undefined): Promise<void> {
  if (output?.stdout) await context.stdout.write(output.stdout);
  if (output?.stderr) await context.stderr.write(output.stderr);
}

export function daemon(spec: (context: CommandContext) => DaemonSpec | Promise<DaemonSpec | number>): Command {
  return async (context) => {
    const described = await spec(context);
    if (typeof described === 'number') return described;
    await write(context, described.startup(context));
    const usage = serverUsage(context.system.clock, context.system.hostname, described.usage, 0.2);
    context.process.setUsage(() => usage.usage());
    if (described.readyAfterMs && !(await sleepFor(context.system.clock, described.readyAfterMs, context.signal)))
      return 143;
    await write(context, described.ready?.(context));
    const closers = Object.entries(described.ports).map(([port, handler]) =>
      context.system.listen(
        Number(port),
        handler && ((request) => (usage.request(), handler(request))),
        described.connections?.[Number(port)],
        described.datagrams?.[Number(port)],
      ),
    );
    await whenAborted(context.signal);
    for (const close of closers) close();
    await write(context, described.shutdown?.(context));
    return described.exitCode ?? 0;
  };
}

/** An HTTP handler answering 200 with a fixed text on the given paths and 404 elsewhere. */
export function healthEndpoints(paths: Record<string, string>, contentType = 'text/plain; charset=utf-8'): HttpHandler {
  return (request) => {
    const body = paths[request.path.replace(/\?.*$/, '')];
    if (body === undefined)
      return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' };
    return { status: 200, headers: { 'Content-Type': contentType }, body };
  };
}
