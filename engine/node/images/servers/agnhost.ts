// agnhost, Kubernetes' e2e test image, with the subcommands labs use: netexec (HTTP on --http-port: /hostname,
// /echo?msg=, /clientip, /healthz), serve-hostname (--port, default 9376), liveness (/healthz on 8080, failing after
// 10 s) and pause.

import type { Command, CommandContext } from '../process/command.ts';
import type { HttpRequest, HttpResponse } from '../program.ts';
import { daemon } from './daemon.ts';
import { klogTime } from './log-time.ts';
import { pauseCommand } from './lab-programs.ts';

function option(context: CommandContext, name: string, fallback: number): number {
  const prefix = `--${name}=`;
  const inline = context.argv.find((arg) => arg.startsWith(prefix));
  const index = context.argv.indexOf(`--${name}`);
  return Number(inline?.slice(prefix.length) ?? (index >= 0 ? context.argv[index + 1] : undefined) ?? fallback);
}

const text = (body: string): HttpResponse => ({
  status: 200,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body,
});

function netexec(context: CommandContext) {
  return (request: HttpRequest): HttpResponse => {
    const url = new URL(request.path, 'http://agnhost');
    switch (url.pathname) {
      case '/hostname':
        return text(context.system.hostname);
      case '/echo':
        return text(url.searchParams.get('msg') ?? '');
      case '/clientip':
        return text(`${request.remoteAddress ?? '127.0.0.1'}:${40000 + (request.path.length % 1000)}`);
      case '/healthz':
        return text('');
      case '/':
        return text(`NOW: ${new Date(context.system.clock.now()).toISOString()}`);
      default:
        return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' };
    }
  };
}

/** agnhost liveness (the docs' HTTP liveness example): /healthz is healthy for the first 10 seconds, then fails. */
function liveness(request: HttpRequest, seconds: number): HttpResponse {
  const path = request.path.replace(/\?.*$/, '');
  if (path === '/redirect') return { status: 302, headers: { Location: '/healthz' }, body: '' };
  if (path !== '/healthz')
    return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' };
  if (seconds > 10) return { status: 500, body: `error: ${seconds}` };
  return { status: 200, body: 'ok' };
}

export const agnhostCommand: Command = async (context) => {
  const subcommand = context.argv[1];
  const log = (message: string): string => `I${klogTime(context.system.clock.now())}       1 log.go:245] ${message}\n`;
  if (subcommand === 'pause') return pauseCommand(context);
  if (subcommand === 'liveness') {
    const started = context.system.clock.now();
    return daemon(() => ({
      startup: () => ({}),
      ports: { 8080: (request) => liveness(request, (context.system.clock.now() - started) / 1000) },
      usage: { cpuMillis: 0, memoryBytes: 5 * 1024 * 1024 },
    }))(context);
  }
  if (subcommand === 'netexec') {
    return daemon(() => {
      const port = option(context, 'http-port', 8080);
      return {
        startup: () => ({ stderr: log(`Started HTTP server on port ${port}`) }),
        ports: { [port]: netexec(context) },
        usage: { cpuMillis: 1, memoryBytes: 9 * 1024 * 1024 },
      };
    })(context);
  }
  if (subcommand === 'serve-hostname') {
    return daemon(() => {
      const port = option(context, 'port', 9376);
      return {
        startup: () => ({ stderr: log(`Serving on port ${port}.`) }),
        ports: { [port]: () => text(context.system.hostname) },
        usage: { cpuMillis: 0, memoryBytes: 6 * 1024 * 1024 },
      };
    })(context);
  }
  await context.stderr.write(
    'Usage:\n  agnhost [command]\n\nAvailable Commands:\n  liveness        Starts a server that fails after 10 seconds\n  netexec         Creates HTTP(S), UDP, and (optionally) SCTP servers with various endpoints\n  pause           Pauses the execution\n  serve-hostname  Serves the hostname\n',
  );
  return subcommand === undefined ? 0 : 1;
};
