// busybox wget [-q] [-O FILE] [--spider] [-T SEC] URL: fetches over the container's network, with busybox's
// progress and error lines.

import type { Command } from '../process/command.ts';
import type { HttpResponse } from '../program.ts';
import { fileOutput } from '../process/files.ts';
import { connectErrors, parseUrl, reasonPhrases, resolveHost, secondsFlag } from './url.ts';
import { pathOf } from './command-kit.ts';

export const wgetCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  let quiet = false;
  let output: string | undefined;
  let spider = false;
  let timeoutMs: number | undefined;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (arg === '-O') output = args[++i];
    else if (arg.startsWith('-O')) output = arg.slice(2);
    else if (arg === '--spider') spider = true;
    else if (arg === '-qO-' || arg === '-qO') {
      quiet = true;
      output = arg === '-qO-' ? '-' : args[++i];
    } else if (arg === '-T') timeoutMs = secondsFlag(args[++i]);
    else if (arg === '-t' || arg === '--header' || arg === '-U') i++;
    else if (!arg.startsWith('-')) target = arg;
  }
  const log = (line: string): Promise<boolean> => (quiet ? Promise.resolve(true) : context.stderr.write(line + '\n'));
  let url = target === undefined ? undefined : parseUrl(target);
  if (!url) {
    await context.stderr.write(
      'BusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n',
    );
    return 1;
  }
  let response: HttpResponse | undefined;
  for (let redirects = 0; redirects < 20 && url; redirects++) {
    const wait = { timeoutMs, signal: context.signal };
    const address = await resolveHost(context.system.network, url.host, wait);
    if (!address) {
      await context.stderr.write(`wget: bad address '${url.host}'\n`);
      return 1;
    }
    await log(`Connecting to ${url.host} (${address}:${url.port})`);
    const result = await context.system.network.http(
      address,
      url.port,
      {
        method: spider ? 'HEAD' : 'GET',
        path: url.path,
        headers: {
          host: url.port === 80 ? url.host : `${url.host}:${url.port}`,
          'user-agent': 'Wget',
          connection: 'close',
        },
        port: url.port,
      },
      wait,
    );
    if (result === 'timeout' && timeoutMs !== undefined) {
      await context.stderr.write('wget: download timed out\n');
      return 1;
    }
    if (typeof result === 'string') {
      await context.stderr.write(`wget: can't connect to remote host (${address}): ${connectErrors[result]}\n`);
      return 1;
    }
    const location = result.headers?.location ?? result.headers?.Location;
    if (result.status >= 300 && result.status < 400 && location) {
      url = parseUrl(location.startsWith('/') ? `${url.host}:${url.port}${location}` : location);
      continue;
    }
    response = result;
    break;
  }
  if (!response) return 1;
  if (response.status >= 400) {
    await context.stderr.write(
      `wget: server returned error: HTTP/1.1 ${response.status} ${reasonPhrases[response.status] ?? ''}\n`,
    );
    return 1;
  }
  if (spider) {
    await log('remote file exists');
    return 0;
  }
  const name = output ?? (url!.path.replace(/\?.*/, '').split('/').pop() || 'index.html');
  if (name === '-') {
    await log('writing to stdout');
    await context.stdout.write(response.body);
  } else {
    const path = pathOf(context, name);
    if (output === undefined && context.system.fs.read(path) !== undefined) {
      await context.stderr.write(`wget: can't open '${name}': File exists\n`);
      return 1;
    }
    await log(`saving to '${name}'`);
    await fileOutput(context.system.fs, path, false).write(response.body);
  }
  const size = String(Buffer.byteLength(response.body));
  await log(
    `${(name === '-' ? '-' : name).padEnd(20)} 100% |********************************| ${size.padStart(5)}  0:00:00 ETA`,
  );
  await log(name === '-' ? 'written to stdout' : `'${name}' saved`);
  return 0;
};
