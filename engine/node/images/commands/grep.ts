// grep [-ivcnqlohEFwx] [-e PATTERN] PATTERN [FILE…]: basic (BRE) or extended regular expressions, as JavaScript
// regexps after translating BRE's escaped operators.

import type { Command } from '../process/command.ts';
import { strerror } from '../process/errno.ts';
import { readFile } from '../process/files.ts';
import { lines, options, pathOf } from './command-kit.ts';

/** BRE: \( \) \{ \} \| \+ \? are operators and ( ) { } | + ? are literal; ERE uses them as JavaScript does. */
function translate(pattern: string, extended: boolean, fixed: boolean): string {
  if (fixed) return pattern.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  if (extended) return pattern;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      out += '(){}|+?'.includes(next) ? next : `\\${next}`;
    } else if ('(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

export const grepCommand: Command = async (context) => {
  const parsed = await options(context, 'ivcnqlLohsEFwxrHR', 'e');
  if (!parsed) return 2;
  const flags = parsed.flags;
  const patternText = parsed.values.get('e') ?? parsed.operands.shift();
  if (patternText === undefined) {
    await context.stderr.write('grep: no pattern\n');
    return 2;
  }
  const extended = flags.has('E') || context.argv[0]?.endsWith('egrep') === true;
  let source = translate(patternText, extended, flags.has('F'));
  if (flags.has('w')) source = `\\b(?:${source})\\b`;
  if (flags.has('x')) source = `^(?:${source})$`;
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags.has('i') ? 'i' : '');
  } catch {
    await context.stderr.write(`grep: bad regex '${patternText}'\n`);
    return 2;
  }
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const prefixNames = files.length > 1 || flags.has('H');
  let matched = false;
  let failed = false;
  for (const file of files) {
    const content = file === '-' ? await context.stdin.readAll() : readFile(context.system.fs, pathOf(context, file));
    if (typeof content !== 'string') {
      if (!flags.has('s')) await context.stderr.write(`grep: ${file}: ${strerror(content.errno)}\n`);
      failed = true;
      continue;
    }
    const name = file === '-' ? '(standard input)' : file;
    let count = 0;
    let out = '';
    for (const [index, line] of lines(content).entries()) {
      if (regex.test(line) === flags.has('v')) continue;
      count++;
      matched = true;
      if (flags.has('q')) return 0;
      if (flags.has('c') || flags.has('l') || flags.has('L')) continue;
      const prefix = (prefixNames ? `${name}:` : '') + (flags.has('n') ? `${index + 1}:` : '');
      if (flags.has('o') && !flags.has('v')) {
        for (const match of line.matchAll(new RegExp(regex.source, regex.flags + 'g')))
          if (match[0] !== '') out += prefix + match[0] + '\n';
      } else out += prefix + line + '\n';
    }
    if (flags.has('c')) out = (prefixNames ? `${name}:` : '') + count + '\n';
    if (flags.has('l')) out = count > 0 ? name + '\n' : '';
    if (flags.has('L')) out = count === 0 ? name + '\n' : '';
    if (!(await context.stdout.write(out))) return 141;
  }
  if (failed && !flags.has('s')) return 2;
  return matched ? 0 : 1;
};
