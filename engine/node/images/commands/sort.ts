// sort [-nrufb] [-t SEP] [-k N[,M]]: sorts lines, as text or numbers, by the whole line or a key.

import type { Command } from '../process/command.ts';
import { lines, options, readOperand } from './command-kit.ts';

export const sortCommand: Command = async (context) => {
  const parsed = await options(context, 'nrufbsh', 'tko');
  if (!parsed) return 1;
  const all: string[] = [];
  for (const operand of parsed.operands.length > 0 ? parsed.operands : ['-']) {
    const content = await readOperand(context, operand);
    if (content === undefined) return 2;
    all.push(...lines(content));
  }
  const separator = parsed.values.get('t');
  const [from, to] = (parsed.values.get('k') ?? '').split(',').map((n) => Number.parseInt(n, 10));
  const key = (line: string): string => {
    if (from === undefined || Number.isNaN(from)) return line;
    const fields = separator === undefined ? line.trim().split(/\s+/) : line.split(separator);
    return fields.slice(from - 1, to === undefined || Number.isNaN(to) ? undefined : to).join(separator ?? ' ');
  };
  const fold = (text: string): string => (parsed.flags.has('f') ? text.toUpperCase() : text);
  const numeric = parsed.flags.has('n') || parsed.flags.has('h');
  const compare = (a: string, b: string): number => {
    const ka = fold(key(a));
    const kb = fold(key(b));
    if (numeric) {
      const difference = (Number.parseFloat(ka) || 0) - (Number.parseFloat(kb) || 0);
      if (difference !== 0) return difference;
    } else if (ka !== kb) return ka < kb ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  let sorted = all.sort(compare);
  if (parsed.flags.has('r')) sorted.reverse();
  if (parsed.flags.has('u')) sorted = sorted.filter((line, i) => i === 0 || compare(sorted[i - 1]!, line) !== 0);
  const text = sorted.map((line) => line + '\n').join('');
  const target = parsed.values.get('o');
  if (target !== undefined) {
    context.system.fs.write(target.startsWith('/') ? target : `${context.cwd}/${target}`, text);
    return 0;
  }
  await context.stdout.write(text);
  return 0;
};
