// tr [-d] [-s] [-c] SET1 [SET2]: translates, deletes or squeezes characters; sets take ranges (a-z), escapes (\n)
// and classes ([:upper:]).

import type { Command } from '../process/command.ts';
import { unescape } from './escapes.ts';
import { options } from './command-kit.ts';

const classes: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
};
classes.alpha = classes.upper! + classes.lower!;
classes.alnum = classes.alpha + classes.digit!;

function expandSet(set: string): string[] {
  const text = unescape(
    set.replace(/\[:(\w+):\]/g, (match, name: string) => classes[name] ?? match),
    false,
  ).text;
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const from = chars[i]!;
    const to = chars[i + 2];
    if (chars[i + 1] === '-' && to !== undefined) {
      for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) out.push(String.fromCharCode(code));
      i += 2;
    } else out.push(from);
  }
  return out;
}

export const trCommand: Command = async (context) => {
  const parsed = await options(context, 'dscC');
  if (!parsed) return 1;
  const [first, second] = parsed.operands;
  if (first === undefined || (second === undefined && !parsed.flags.has('d') && !parsed.flags.has('s'))) {
    await context.stderr.write('tr: missing operand\n');
    return 1;
  }
  const set1 = expandSet(first);
  const set2 = second === undefined ? [] : expandSet(second);
  const complement = parsed.flags.has('c') || parsed.flags.has('C');
  const inSet1 = (char: string): boolean => set1.includes(char) !== complement;
  const squeeze = new Set(parsed.flags.has('s') ? (parsed.flags.has('d') ? set2 : set2.length > 0 ? set2 : set1) : []);
  let previous = '';
  for (let chunk = await context.stdin.read(); chunk !== null; chunk = await context.stdin.read()) {
    let out = '';
    for (const char of chunk) {
      let mapped: string | undefined = char;
      if (inSet1(char)) {
        if (parsed.flags.has('d')) mapped = undefined;
        else if (set2.length > 0)
          mapped = complement ? set2[set2.length - 1] : set2[Math.min(set1.indexOf(char), set2.length - 1)];
      }
      if (mapped === undefined) continue;
      if (squeeze.has(mapped) && mapped === previous) continue;
      out += mapped;
      previous = mapped;
    }
    if (!(await context.stdout.write(out))) return 141;
  }
  return 0;
};
