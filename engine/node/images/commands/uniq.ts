// uniq [-cdui]: collapses adjacent equal lines, optionally counting them or keeping only repeated or unique ones.

import type { Command } from '../process/command.ts';
import { lines, options, readOperand } from './command-kit.ts';

export const uniqCommand: Command = async (context) => {
  const parsed = await options(context, 'cdui');
  if (!parsed) return 1;
  const content = await readOperand(context, parsed.operands[0] ?? '-');
  if (content === undefined) return 1;
  const same = (a: string, b: string): boolean =>
    parsed.flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b;
  const groups: { line: string; count: number }[] = [];
  for (const line of lines(content)) {
    const last = groups[groups.length - 1];
    if (last && same(last.line, line)) last.count++;
    else groups.push({ line, count: 1 });
  }
  const kept = groups.filter(({ count }) =>
    parsed.flags.has('d') ? count > 1 : parsed.flags.has('u') ? count === 1 : true,
  );
  const text = kept
    .map(({ line, count }) => (parsed.flags.has('c') ? `${String(count).padStart(7)} ${line}` : line) + '\n')
    .join('');
  await context.stdout.write(text);
  return 0;
};
