// curl [-sSfILv] [-o FILE] [-m SEC] URL: fetches over the container's network, with curl's error codes and texts.

import type { Command } from '../process/command.ts';
import type { HttpResponse } from '../program.ts';
import { fileOutput } from '../process/files.ts';
import { parseUrl, reasonPhrases, resolveHost, secondsFlag } from './url.ts';
import { pathOf } from './command-kit.ts';
import { verboseData, verboseDone, verboseExchange, verboseFailed, verboseTrying } from './curl-verbose.ts';

const failures = {
  refused: [7, "Couldn't connect to server"],
  unreachable: [7, "Couldn't connect to server"],
  timeout: [28, 'Timeout was reached'],
} as const;

function statusLine(response: HttpResponse): string {
  return `HTTP/1.1 ${response.status} ${reasonPhrases[response.status] ?? ''}`;
}

export const curlCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  const flags = new Set<string>();
  let output: string | undefined;
  let target: string | undefined;
  let timeoutMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-o' || arg === '--output') output = args[++i];
    else if (arg === '-m' || arg === '--max-time' || arg === '--connect-timeout') {
      timeoutMs = Math.min(timeoutMs ?? Infinity, secondsFlag(args[++i]) ?? Infinity);
    } else if (['-H', '--header', '-X', '-d', '-A', '-w'].includes(arg)) i++;
    else if (arg.startsWith('--')) flags.add(arg);
    else if (arg.startsWith('-')) for (const letter of arg.slice(1)) flags.add(letter);
    else target = arg;
  }
  const silent = flags.has('s') || flags.has('--silent');
  const verbose = flags.has('v') || flags.has('--verbose');
  const progress = !silent && (output !== undefined || !context.tty);
  /** What -v writes, in order with the progress meter's lines. */
  const trace = async (text: string): Promise<void> => {
    if (verbose) await context.stderr.write(text);
  };
  const showErrors = !silent || flags.has('S');
  const fail = async (code: number, message: string): Promise<number> => {
    if (showErrors) await context.stderr.write(`curl: (${code}) ${message}\n`);
    return code;
  };
  let url = target === undefined ? undefined : parseUrl(target);
  if (!url)
    return fail(
      target === undefined ? 2 : 3,
      target === undefined ? 'no URL specified' : 'URL rejected: Malformed input to a URL function',
    );
  let response: HttpResponse | undefined;
  for (let redirects = 0; url && redirects < 50; redirects++) {
    const wait = { timeoutMs: timeoutMs === Infinity ? undefined : timeoutMs, signal: context.signal };
    const address = await resolveHost(context.system.network, url.host, wait);
    if (!address) return fail(6, `Could not resolve host: ${url.host}`);
    const started = context.system.clock.now();
    const request = {
      method: flags.has('I') || flags.has('--head') ? 'HEAD' : 'GET',
      path: url.path,
      headers: {
        host: url.port === 80 ? url.host : `${url.host}:${url.port}`,
        'user-agent': 'curl/7.88.1',
        accept: '*/*',
      },
      port: url.port,
    };
    await trace(verboseTrying(address, url.port));
    const result = await context.system.network.http(address, url.port, request, wait);
    if (typeof result === 'string') {
      const [code, text] = failures[result];
      const elapsed = Math.round(context.system.clock.now() - started);
      const message = `Failed to connect to ${url.host} port ${url.port} after ${elapsed} ms: ${text}`;
      await trace(verboseFailed(result, address, url.port, message));
      return fail(code, message);
    }
    await trace(verboseExchange(url.host, address, url.port, request, result, statusLine(result)));
    response = result;
    const location = result.headers?.location;
    if ((flags.has('L') || flags.has('--location')) && result.status >= 300 && result.status < 400 && location) {
      url = parseUrl(location.startsWith('/') ? `${url.host}:${url.port}${location}` : location);
    } else break;
  }
  if (!response) return 1;
  if ((flags.has('f') || flags.has('--fail')) && response.status >= 400) {
    return fail(22, `The requested URL returned error: ${response.status}`);
  }
  const head = flags.has('I') || flags.has('--head') || flags.has('i');
  const headers = head
    ? [
        statusLine(response),
        ...Object.entries(response.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
      ].join('\r\n') + '\r\n\r\n'
    : '';
  const body = flags.has('I') || flags.has('--head') ? '' : response.body;
  if (output !== undefined) await fileOutput(context.system.fs, pathOf(context, output), false).write(headers + body);
  else await context.stdout.write(headers + body);
  if (!context.tty && body !== '') await trace(verboseData(body));
  if (progress) {
    const size = String(Buffer.byteLength(body));
    await context.stderr.write(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        `100 ${size.padStart(5)}  100 ${size.padStart(5)}    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`,
    );
  }
  await trace(verboseDone(url?.host ?? ''));
  return 0;
};
