// sed [-n] [-i] [-e SCRIPT]… [SCRIPT] [FILE…]: the commands labs use — s/RE/REPLACEMENT/[gip N], d, p, q, = — with
// line-number, $ and /RE/ addresses and ranges.

import type { Command } from '../process/command.ts';
import { lines, options, pathOf, readOperand } from './command-kit.ts';

type Address = { line: number } | { last: true } | { regex: RegExp };

interface SedCommand {
  from?: Address;
  to?: Address;
  negate: boolean;
  name: string;
  regex?: RegExp;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: boolean;
  text?: string;
}

class SedError extends Error {}

/** BRE to JavaScript: \( \) \{ \} \+ \? \| are operators; bare ( ) { } + ? | are literal. */
function regexFrom(source: string, flags: string, extended: boolean): RegExp {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length) {
      const next = source[++i]!;
      if (next === 'n') out += '\\n';
      else out += !extended && '(){}+?|'.includes(next) ? next : `\\${next}`;
    } else out += !extended && '(){}+?|'.includes(c) ? `\\${c}` : c;
  }
  return new RegExp(out, flags);
}

function parseScript(script: string, extended: boolean): SedCommand[] {
  const commands: SedCommand[] = [];
  let i = 0;
  const parseAddress = (): Address | undefined => {
    const digits = /^\d+/.exec(script.slice(i));
    if (digits) {
      i += digits[0].length;
      return { line: Number(digits[0]) };
    }
    if (script[i] === '$') {
      i++;
      return { last: true };
    }
    if (script[i] === '/') {
      const end = delimited('/');
      return { regex: regexFrom(end, '', extended) };
    }
    return undefined;
  };
  const delimited = (delimiter: string): string => {
    i++;
    let text = '';
    while (i < script.length && script[i] !== delimiter) {
      if (script[i] === '\\' && script[i + 1] === delimiter) {
        text += delimiter;
        i += 2;
      } else text += script[i++];
    }
    if (script[i] !== delimiter) throw new SedError(`unmatched '${delimiter}'`);
    return text;
  };
  while (i < script.length) {
    while (/[\s;]/.test(script[i] ?? '')) i++;
    if (i >= script.length) break;
    const command: SedCommand = { negate: false, name: '' };
    command.from = parseAddress();
    if (command.from && script[i] === ',') {
      i++;
      command.to = parseAddress();
    }
    while (script[i] === ' ') i++;
    if (script[i] === '!') {
      command.negate = true;
      i++;
    }
    const name = script[i++];
    if (name === undefined) throw new SedError('missing command');
    command.name = name;
    if (name === 's') {
      const delimiter = script[i]!;
      const pattern = delimited(delimiter);
      const replacement = delimited(delimiter);
      i++;
      let flags = '';
      while (/[gipI0-9]/.test(script[i] ?? '')) flags += script[i++];
      command.regex = regexFrom(pattern, /[iI]/.test(flags) ? 'gi' : 'g', extended);
      command.replacement = replacement;
      command.global = flags.includes('g');
      command.print = flags.includes('p');
      command.occurrence = Number(/\d+/.exec(flags)?.[0] ?? 1);
    } else if ('aic'.includes(name)) {
      const rest = script.slice(i).replace(/^\\?\s*/, '');
      const end = rest.indexOf('\n');
      command.text = end < 0 ? rest : rest.slice(0, end);
      i = end < 0 ? script.length : script.length - rest.length + end;
    } else if (!'dpqP=hHgGx'.includes(name)) throw new SedError(`unsupported command ${name}`);
    commands.push(command);
  }
  return commands;
}

function substitute(line: string, command: SedCommand): { text: string; changed: boolean } {
  let count = 0;
  let changed = false;
  const text = line.replace(command.regex!, (...match: unknown[]) => {
    count++;
    const groups = match.slice(0, -2) as string[];
    if (!command.global && count !== command.occurrence) return groups[0]!;
    if (command.global && count < command.occurrence!) return groups[0]!;
    changed = true;
    return command.replacement!.replace(/\\(\d)|\\n|\\(.)|&/g, (token, digit?: string, escaped?: string) => {
      if (token === '&') return groups[0]!;
      if (token === '\\n') return '\n';
      if (digit !== undefined) return groups[Number(digit)] ?? '';
      return escaped ?? '';
    });
  });
  return { text, changed };
}

export const sedCommand: Command = async (context) => {
  const parsed = await options(context, 'niEr', 'e');
  if (!parsed) return 1;
  const scripts = parsed.values.has('e') ? [parsed.values.get('e')!] : [];
  if (scripts.length === 0) {
    const script = parsed.operands.shift();
    if (script === undefined) {
      await context.stderr.write('sed: no script specified\n');
      return 1;
    }
    scripts.push(script);
  }
  let commands: SedCommand[];
  try {
    commands = parseScript(scripts.join('\n'), parsed.flags.has('E') || parsed.flags.has('r'));
  } catch (error) {
    if (!(error instanceof SedError)) throw error;
    await context.stderr.write(`sed: ${error.message}\n`);
    return 1;
  }
  const quiet = parsed.flags.has('n');
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  let status = 0;
  for (const file of files) {
    const content = await readOperand(context, file);
    if (content === undefined) {
      status = 1;
      continue;
    }
    const output = run(commands, lines(content), quiet);
    if (parsed.flags.has('i') && file !== '-') context.system.fs.write(pathOf(context, file), output);
    else if (!(await context.stdout.write(output))) return 141;
  }
  return status;
};

function run(commands: SedCommand[], input: string[], quiet: boolean): string {
  let out = '';
  const active = new Set<SedCommand>();
  const matches = (address: Address, index: number, line: string): boolean =>
    'line' in address
      ? address.line === index + 1
      : 'last' in address
        ? index === input.length - 1
        : address.regex.test(line);
  lines: for (const [index, original] of input.entries()) {
    let line = original;
    let appended = '';
    for (const command of commands) {
      let selected = true;
      if (command.from) {
        if (command.to) {
          if (active.has(command)) {
            selected = true;
            if (matches(command.to, index, line) || ('line' in command.to && command.to.line <= index + 1))
              active.delete(command);
          } else if (matches(command.from, index, line)) {
            active.add(command);
            if ('line' in command.to && command.to.line <= index + 1) active.delete(command);
          } else selected = false;
        } else selected = matches(command.from, index, line);
      }
      if (selected === command.negate) continue;
      switch (command.name) {
        case 's': {
          const result = substitute(line, command);
          line = result.text;
          if (result.changed && command.print) out += line + '\n';
          break;
        }
        case 'd':
          continue lines;
        case 'p':
          out += line + '\n';
          break;
        case '=':
          out += `${index + 1}\n`;
          break;
        case 'q':
          return out + (quiet ? '' : line + '\n');
        case 'a':
          appended += command.text + '\n';
          break;
        case 'i':
          out += command.text + '\n';
          break;
        case 'c':
          out += command.text + '\n';
          continue lines;
      }
    }
    if (!quiet) out += line + '\n';
    out += appended;
  }
  return out;
}
