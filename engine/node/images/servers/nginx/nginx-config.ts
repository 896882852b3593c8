// Reads nginx's configuration as the server needs it: the server blocks (listen ports, root, index), their locations
// (prefix and exact, root, alias, index, return) — following `include` with globs — and reports syntax errors the
// way `nginx: [emerg]` does.

import type { ContainerFilesystem } from '../../program.ts';
import { matchPattern } from '../../shell/pattern.ts';
import { basename, dirname, resolvePath } from '../../process/paths.ts';

export interface NginxLocation {
  path: string;
  exact: boolean;
  root?: string;
  alias?: string;
  index?: string[];
  return?: { status: number; text?: string };
  /** False under `access_log off;`. */
  accessLog?: boolean;
}

export interface NginxServer {
  ports: number[];
  root?: string;
  index?: string[];
  locations: NginxLocation[];
  /** False under `access_log off;` (in the server block or in http). */
  accessLog?: boolean;
}

/** The error log's levels, least severe first; a message is logged when its level is at least the configured one. */
export const nginxLogLevels = ['debug', 'info', 'notice', 'warn', 'error', 'crit', 'alert', 'emerg'] as const;
export type NginxLogLevel = (typeof nginxLogLevels)[number];

export interface NginxConfig {
  servers: NginxServer[];
  /** worker_processes: a number, or auto (one per CPU). */
  workers: number | 'auto';
  /** The level of the main error_log (nginx's default: error). */
  errorLogLevel: NginxLogLevel;
}

interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
  file: string;
  line: number;
}

export class NginxConfigError extends Error {}

function tokenize(text: string, file: string): Directive[] {
  const stack: Directive[][] = [[]];
  let words: string[] = [];
  let line = 1;
  let i = 0;
  const fail = (message: string): never => {
    throw new NginxConfigError(`${message} in ${file}:${line}`);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ';' || c === '{') {
      const [name, ...args] = words;
      if (name === undefined) fail(`unexpected "${c}"`);
      const directive: Directive = { name: name!, args, file, line };
      stack[stack.length - 1]!.push(directive);
      if (c === '{') {
        directive.block = [];
        stack.push(directive.block);
      }
      words = [];
      i++;
    } else if (c === '}') {
      if (words.length > 0) fail('unexpected "}"');
      if (stack.length === 1) fail('unexpected "}"');
      stack.pop();
      i++;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail('unexpected end of file, expecting ";" or "}"');
      words.push(text.slice(i + 1, end));
      line += (text.slice(i, end).match(/\n/g) ?? []).length;
      i = end + 1;
    } else {
      let word = '';
      while (i < text.length && !/[\s;{}]/.test(text[i]!)) word += text[i++];
      words.push(word);
    }
  }
  if (stack.length > 1 || words.length > 0) fail('unexpected end of file, expecting ";" or "}"');
  return stack[0]!;
}

/** The directives of the files last read, by path: containers of one image parse the image's shared texts once. */
const parsed = new Map<string, { text: string; directives: Directive[] }>();

function parseFile(file: string, text: string): Directive[] {
  const cached = parsed.get(file);
  if (cached?.text === text) return cached.directives;
  const directives = tokenize(text, file);
  parsed.set(file, { text, directives });
  return directives;
}

/** The files an `include` names, in the order nginx reads them. */
function includedFiles(fs: ContainerFilesystem, directive: Directive): string[] {
  const pattern = resolvePath('/etc/nginx', directive.args[0] ?? '');
  const directory = dirname(pattern);
  return (fs.list(directory) ?? [])
    .filter((name) => matchPattern(basename(pattern), name))
    .map((name) => `${directory}/${name}`);
}

/** Replaces `include` directives by the directives of the files they name; `inputs` collects the paths and texts read. */
function expandIncludes(fs: ContainerFilesystem, directives: Directive[], inputs: string[]): Directive[] {
  return directives.flatMap((directive) => {
    if (directive.name === 'include') {
      return includedFiles(fs, directive).flatMap((file) => {
        const text = fs.read(file) ?? '';
        inputs.push(file, text);
        return expandIncludes(fs, parseFile(file, text), inputs);
      });
    }
    return [{ ...directive, block: directive.block && expandIncludes(fs, directive.block, inputs) }];
  });
}

/** The paths and texts the configuration is made of, as expandIncludes reads them, without building anything. */
function collectInputs(fs: ContainerFilesystem, directives: Directive[], inputs: string[]): void {
  for (const directive of directives) {
    if (directive.name === 'include') {
      for (const file of includedFiles(fs, directive)) {
        const text = fs.read(file) ?? '';
        inputs.push(file, text);
        collectInputs(fs, parseFile(file, text), inputs);
      }
    } else if (directive.block) collectInputs(fs, directive.block, inputs);
  }
}

function port(listen: string): number {
  return Number(/(\d+)$/.exec(listen.replace(/\s.*$/, ''))?.[1] ?? 80);
}

function location(directive: Directive): NginxLocation {
  const exact = directive.args[0] === '=';
  const result: NginxLocation = { path: directive.args[exact ? 1 : 0] ?? '/', exact };
  for (const inner of directive.block ?? []) {
    if (inner.name === 'root') result.root = inner.args[0];
    if (inner.name === 'alias') result.alias = inner.args[0];
    if (inner.name === 'index') result.index = inner.args;
    if (inner.name === 'access_log') result.accessLog = inner.args[0] !== 'off';
    if (inner.name === 'return') {
      const [code = '', text] = inner.args;
      result.return = /^\d+$/.test(code) ? { status: Number(code), text } : { status: 302, text: code };
    }
  }
  return result;
}

/** The configuration read last, by the texts it was made of: the containers of an image share one. */
let last: { inputs: string[]; config: NginxConfig } | undefined;

function sameInputs(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((input, i) => input === b[i]);
}

/** Whether a block's own access_log directive logs; undefined when it has none. */
function accessLogOf(block: Directive[]): boolean | undefined {
  const directive = block.find((d) => d.name === 'access_log');
  return directive && directive.args[0] !== 'off';
}

function errorLogLevel(directives: Directive[]): NginxLogLevel {
  const level = directives.find((directive) => directive.name === 'error_log')?.args[1];
  return nginxLogLevels.find((candidate) => candidate === level) ?? 'error';
}

/** /etc/nginx/nginx.conf as the server uses it (shared, not to be changed); throws NginxConfigError with nginx's message. */
export function readNginxConfig(fs: ContainerFilesystem): NginxConfig {
  const main = '/etc/nginx/nginx.conf';
  const text = fs.read(main);
  if (text === undefined) throw new NginxConfigError(`open() "${main}" failed (2: No such file or directory)`);
  const top = parseFile(main, text);
  const inputs = [main, text];
  collectInputs(fs, top, inputs);
  if (last && sameInputs(last.inputs, inputs)) return last.config;
  const directives = expandIncludes(fs, top, []);
  const http = directives.find((directive) => directive.name === 'http')?.block ?? [];
  const servers = http
    .filter((directive) => directive.name === 'server')
    .map((server) => {
      const block = server.block ?? [];
      const listens = block.filter((d) => d.name === 'listen').map((d) => port(d.args[0] ?? '80'));
      return {
        ports: listens.length > 0 ? [...new Set(listens)] : [80],
        root: block.find((d) => d.name === 'root')?.args[0],
        index: block.find((d) => d.name === 'index')?.args,
        locations: block.filter((d) => d.name === 'location').map(location),
        accessLog: accessLogOf(block) ?? accessLogOf(http),
      };
    });
  const workers = directives.find((directive) => directive.name === 'worker_processes')?.args[0] ?? '1';
  const config: NginxConfig = {
    servers,
    workers: workers === 'auto' ? 'auto' : Number(workers) || 1,
    errorLogLevel: errorLogLevel(directives),
  };
  last = { inputs, config };
  return config;
}
