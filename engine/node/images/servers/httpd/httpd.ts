// The httpd command (`httpd-foreground`, `httpd -DFOREGROUND`): reads Listen and DocumentRoot from httpd.conf, logs
// its start as Apache does, serves files with index.html and directory listings, writes Common Log Format lines to
// stdout, and stops gracefully when stopped (the image's STOPSIGNAL is SIGWINCH, which containerd sends).

import type { Command, CommandContext } from '../../process/command.ts';
import { whenAborted } from '../../process/command.ts';
import type { HttpRequest, HttpResponse } from '../../program.ts';
import { apacheTime, clfTime, httpDate } from '../log-time.ts';
import { serverUsage } from '../server-usage.ts';
import { contentType, etag, requestPath } from '../static-files.ts';
import { httpdErrorPage, httpdIndexOf } from './httpd-pages.ts';

const configPath = '/usr/local/apache2/conf/httpd.conf';

interface HttpdConfig {
  ports: number[];
  documentRoot: string;
}

function readConfig(text: string): HttpdConfig {
  const ports = [...text.matchAll(/^\s*Listen\s+(?:\S+:)?(\d+)/gm)].map((match) => Number(match[1]));
  const root = /^\s*DocumentRoot\s+"?([^"\s]+)"?/m.exec(text)?.[1] ?? '/usr/local/apache2/htdocs';
  return { ports: ports.length > 0 ? ports : [80], documentRoot: root.replace(/\/$/, '') };
}

/** The pod's address from /etc/hosts, as Apache guesses its server name. */
function ownAddress(context: CommandContext): string {
  const line = (context.system.fs.read('/etc/hosts') ?? '')
    .split('\n')
    .find((entry) => entry.split(/\s+/).slice(1).includes(context.system.hostname));
  return line?.split(/\s+/)[0] ?? '127.0.0.1';
}

export function httpdCommand(version: string): Command {
  return async (context) => {
    if (context.argv.includes('-v')) {
      await context.stdout.write(`Server version: Apache/${version} (Unix)\nServer built:   Jan 21 2025 21:58:57\n`);
      return 0;
    }
    const clock = context.system.clock;
    const config = readConfig(context.system.fs.read(configPath) ?? '');
    const address = ownAddress(context);
    const warning = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${address}. Set the 'ServerName' directive globally to suppress this message\n`;
    const log = (module: string, text: string): string =>
      `[${apacheTime(clock.now())}] [${module}] [pid 1:tid 1] ${text}\n`;
    await context.stderr.write(
      warning +
        warning +
        log('mpm_event:notice', `AH00489: Apache/${version} (Unix) configured -- resuming normal operations`) +
        log('core:notice', "AH00094: Command line: 'httpd -D FOREGROUND'"),
    );
    const usage = serverUsage(clock, context.system.hostname, { cpuMillis: 1, memoryBytes: 7.8 * 1024 * 1024 });
    context.process.setUsage(() => usage.usage());
    const handle = (request: HttpRequest): HttpResponse => {
      usage.request();
      const response = respond(context, version, config, request);
      const size = request.method === 'HEAD' || response.body === '' ? '-' : String(Buffer.byteLength(response.body));
      void context.stdout.write(
        `${request.remoteAddress ?? '127.0.0.1'} - - [${clfTime(clock.now())}] "${request.method} ${request.path} HTTP/1.1" ${response.status} ${size}\n`,
      );
      return request.method === 'HEAD' ? { ...response, body: '' } : response;
    };
    const closers = config.ports.map((port) => context.system.listen(port, handle));
    await whenAborted(context.signal);
    for (const close of closers) close();
    await context.stderr.write(log('mpm_event:notice', 'AH00492: caught SIGWINCH, shutting down gracefully'));
    return 0;
  };
}

function respond(context: CommandContext, version: string, config: HttpdConfig, request: HttpRequest): HttpResponse {
  const fs = context.system.fs;
  const base = { Date: httpDate(context.system.clock.now()), Server: `Apache/${version} (Unix)` };
  const page = (status: number, extra: Record<string, string> = {}): HttpResponse => {
    const body = httpdErrorPage(status, extra.Location);
    return {
      status,
      headers: {
        ...base,
        ...extra,
        'Content-Length': String(body.length),
        'Content-Type': 'text/html; charset=iso-8859-1',
      },
      body,
    };
  };
  const path = requestPath(request.path);
  if (path === undefined) return page(400);
  if (!['GET', 'HEAD', 'POST', 'OPTIONS'].includes(request.method)) return page(405);
  const file = config.documentRoot + path;
  if (fs.isDirectory(file.replace(/\/$/, '') || '/')) {
    if (!path.endsWith('/')) return page(301, { Location: `http://${request.headers.host ?? 'localhost'}${path}/` });
    const index = fs.read(`${file}index.html`);
    if (index !== undefined) return ok(`${file}index.html`, index, base);
    const names = (fs.list(file.replace(/\/$/, '') || '/') ?? []).map((name) =>
      fs.isDirectory(`${file}${name}`) ? `${name}/` : name,
    );
    const body = httpdIndexOf(path, names);
    return {
      status: 200,
      headers: { ...base, 'Content-Length': String(body.length), 'Content-Type': 'text/html;charset=ISO-8859-1' },
      body,
    };
  }
  const content = fs.read(file);
  return content === undefined ? page(404) : ok(file, content, base);
}

function ok(path: string, content: string, base: Record<string, string>): HttpResponse {
  return {
    status: 200,
    headers: {
      ...base,
      'Last-Modified': 'Mon, 11 Jun 2007 18:53:14 GMT',
      ETag: etag(content),
      'Accept-Ranges': 'bytes',
      'Content-Length': String(Buffer.byteLength(content)),
      'Content-Type': contentType(path, 'text/plain'),
    },
    body: content,
  };
}
