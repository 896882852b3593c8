// The nginx command: `nginx -g 'daemon off;'` reads its configuration, logs its start as nginx does, serves files from
// the container filesystem on its listen ports (index files, 301 for directories, 403/404/405 pages), writes access
// log lines to stdout and errors to stderr, and shuts down gracefully when stopped — the image's STOPSIGNAL is SIGQUIT,
// which containerd sends in place of SIGTERM. Also -v, -V and -t.

import type { Command, CommandContext } from '../../process/command.ts';
import { whenAborted } from '../../process/command.ts';
import type { HttpRequest, HttpResponse } from '../../program.ts';
import { machine } from '../../machine.ts';
import { clfTime, httpDate, nginxTime } from '../log-time.ts';
import { serverUsage } from '../server-usage.ts';
import { contentType, etag, requestPath } from '../static-files.ts';
import { NginxConfigError, nginxLogLevels, readNginxConfig } from './nginx-config.ts';
import type { NginxConfig, NginxLocation, NginxLogLevel, NginxServer } from './nginx-config.ts';
import { nginxErrorPage } from './nginx-pages.ts';

function findLocation(server: NginxServer, path: string): NginxLocation | undefined {
  const exact = server.locations.find((location) => location.exact && location.path === path);
  if (exact) return exact;
  return server.locations
    .filter((location) => !location.exact && path.startsWith(location.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

/** `build` is what nginx says it was built by, e.g. "gcc 12.2.0 (Debian 12.2.0-14)". */
export function nginxCommand(version: string, build: string): Command {
  return async (context) => {
    const args = context.argv.slice(1);
    if (args.includes('-v') || args.includes('-V')) {
      await context.stderr.write(`nginx version: nginx/${version}\n`);
      if (args.includes('-V')) await context.stderr.write(`built by ${build}\nTLS SNI support enabled\n`);
      return 0;
    }
    const now = (): string => nginxTime(context.system.clock.now());
    let config: NginxConfig;
    try {
      config = readNginxConfig(context.system.fs);
    } catch (error) {
      if (!(error instanceof NginxConfigError)) throw error;
      await context.stderr.write(`${now()} [emerg] 1#1: ${error.message}\nnginx: [emerg] ${error.message}\n`);
      return 1;
    }
    if (args.includes('-t') || args.includes('-T')) {
      await context.stderr.write(
        'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
      );
      return 0;
    }
    const globals = args[args.indexOf('-g') + 1] ?? '';
    if (!args.includes('-g') || !/daemon\s+off/.test(globals)) return 0;
    return serve(context, version, build, config);
  };
}

/** The workers' PIDs: the master is PID 1, its workers follow from 29 on in the image's containers. */
function workerPids(config: NginxConfig): number[] {
  const count = config.workers === 'auto' ? machine.cpus : config.workers;
  return Array.from({ length: count }, (_, i) => 29 + i);
}

async function serve(context: CommandContext, version: string, build: string, config: NginxConfig): Promise<number> {
  const clock = context.system.clock;
  const { servers } = config;
  const workers = workerPids(config);
  const firstWorker = workers[0]!;
  const logs = (level: NginxLogLevel): boolean =>
    nginxLogLevels.indexOf(level) >= nginxLogLevels.indexOf(config.errorLogLevel);
  const notice = (pid: number, text: string): string =>
    logs('notice') ? `${nginxTime(clock.now())} [notice] ${pid}#${pid}: ${text}\n` : '';
  await context.stderr.write(
    notice(1, 'using the "epoll" event method') +
      notice(1, `nginx/${version}`) +
      notice(1, `built by ${build} `) +
      notice(1, `OS: Linux ${machine.kernelRelease}`) +
      notice(1, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576') +
      notice(1, 'start worker processes') +
      workers.map((pid) => notice(1, `start worker process ${pid}`)).join(''),
  );
  const usage = serverUsage(clock, context.system.hostname, { cpuMillis: 0, memoryBytes: 3.4 * 1024 * 1024 });
  context.process.setUsage(() => usage.usage());
  let connections = 0;
  const handle = (request: HttpRequest): HttpResponse => {
    usage.request();
    connections++;
    const server = servers.find((candidate) => candidate.ports.includes(request.port)) ?? servers[0]!;
    const { response, error } = respond(context, version, server, request);
    const client = request.remoteAddress ?? '127.0.0.1';
    const line = `${request.method} ${request.path} HTTP/1.1`;
    const size = request.method === 'HEAD' ? 0 : Buffer.byteLength(response.body);
    const header = (name: string): string => request.headers[name] ?? request.headers[name.toLowerCase()] ?? '-';
    const location = findLocation(server, requestPath(request.path) ?? '/');
    if (location?.accessLog ?? server.accessLog ?? true) {
      void context.stdout.write(
        `${client} - - [${clfTime(clock.now())}] "${line}" ${response.status} ${size} "${header('referer')}" "${header('user-agent')}" "${header('x-forwarded-for')}"\n`,
      );
    }
    if (error && logs('error')) {
      void context.stderr.write(
        `${nginxTime(clock.now())} [error] ${firstWorker}#${firstWorker}: *${connections} ${error}, client: ${client}, server: localhost, request: "${line}", host: "${header('host')}"\n`,
      );
    }
    return request.method === 'HEAD' ? { ...response, body: '' } : response;
  };
  const closers = [...new Set(servers.flatMap((server) => server.ports))].map((port) =>
    context.system.listen(port, handle),
  );
  await whenAborted(context.signal);
  for (const close of closers) close();
  await context.stderr.write(
    notice(1, 'signal 3 (SIGQUIT) received, shutting down') +
      workers
        .map((pid) => notice(pid, 'gracefully shutting down') + notice(pid, 'exiting') + notice(pid, 'exit'))
        .join('') +
      workers
        .map(
          (pid) =>
            notice(1, `signal 17 (SIGCHLD) received from ${pid}`) +
            notice(1, `worker process ${pid} exited with code 0`),
        )
        .join('') +
      notice(1, 'exit'),
  );
  return 0;
}

function respond(
  context: CommandContext,
  version: string,
  server: NginxServer,
  request: HttpRequest,
): { response: HttpResponse; error?: string } {
  const fs = context.system.fs;
  const now = context.system.clock.now();
  const headers = (extra: Record<string, string>): Record<string, string> => ({
    Server: `nginx/${version}`,
    Date: httpDate(now),
    ...extra,
  });
  const page = (status: number, extra: Record<string, string> = {}): HttpResponse => {
    const body = nginxErrorPage(status, version);
    return {
      status,
      headers: headers({
        'Content-Type': 'text/html',
        'Content-Length': String(body.length),
        Connection: 'keep-alive',
        ...extra,
      }),
      body,
    };
  };
  const path = requestPath(request.path);
  if (path === undefined) return { response: page(400) };
  const location = findLocation(server, path);
  if (location?.return) {
    const { status, text } = location.return;
    if (status >= 300 && status < 400 && text) return { response: page(status, { Location: text }) };
    if (text === undefined) return { response: page(status) };
    return {
      response: {
        status,
        headers: headers({
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(Buffer.byteLength(text)),
        }),
        body: text,
      },
    };
  }
  const root = (location?.root ?? server.root ?? '/etc/nginx/html').replace(/\/$/, '');
  const file = location?.alias
    ? location.alias.replace(/\/$/, '') + path.slice(location.path.replace(/\/$/, '').length)
    : root + path;
  if (request.method !== 'GET' && request.method !== 'HEAD') return { response: page(405) };
  if (path.endsWith('/')) {
    const indexes = location?.index ?? server.index ?? ['index.html'];
    const index = indexes.map((name) => file + name).find((candidate) => fs.read(candidate) !== undefined);
    if (index) return { response: serveFile(index, fs.read(index)!, headers) };
    if (fs.isDirectory(file.replace(/\/$/, '') || '/'))
      return { response: page(403), error: `directory index of "${file}" is forbidden` };
    return { response: page(404), error: `"${file}${indexes[0]}" is not found (2: No such file or directory)` };
  }
  if (fs.isDirectory(file)) {
    const host = request.headers.host ?? request.headers.Host ?? 'localhost';
    return { response: page(301, { Location: `http://${host}${path}/` }) };
  }
  const content = fs.read(file);
  if (content === undefined)
    return { response: page(404), error: `open() "${file}" failed (2: No such file or directory)` };
  return { response: serveFile(file, content, headers) };
}

function serveFile(
  path: string,
  content: string,
  headers: (extra: Record<string, string>) => Record<string, string>,
): HttpResponse {
  return {
    status: 200,
    headers: headers({
      'Content-Type': contentType(path, 'application/octet-stream'),
      'Content-Length': String(Buffer.byteLength(content)),
      'Last-Modified': 'Wed, 16 Apr 2025 12:01:11 GMT',
      Connection: 'keep-alive',
      ETag: etag(content),
      'Accept-Ranges': 'bytes',
    }),
    body: content,
  };
}
