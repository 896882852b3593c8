// wc [-lwc]: counts lines, words and bytes, in busybox's and coreutils' column layouts.

import type { Command } from '../process/command.ts';
import { forEachInput, options } from './command-kit.ts';

export const wcCommand: Command = async (context) => {
  const parsed = await options(context, 'lwcmL');
  if (!parsed) return 1;
  const chosen = ['l', 'w', 'c'].filter((flag) => parsed.flags.has(flag) || (flag === 'c' && parsed.flags.has('m')));
  const columns = chosen.length > 0 ? chosen : ['l', 'w', 'c'];
  const rows: { counts: number[]; name: string }[] = [];
  const status = await forEachInput(context, parsed.operands, async (content, operand) => {
    const counts: Record<string, number> = {
      l: (content.match(/\n/g) ?? []).length,
      w: content.split(/\s+/).filter((word) => word !== '').length,
      c: Buffer.byteLength(content),
    };
    rows.push({ counts: columns.map((column) => counts[column]!), name: operand === '-' ? '' : operand });
  });
  if (rows.length > 1)
    rows.push({ counts: columns.map((_, i) => rows.reduce((sum, row) => sum + row.counts[i]!, 0)), name: 'total' });
  const single = rows.length === 1 && columns.length === 1;
  const gnuWidth = Math.max(...rows.flatMap((row) => row.counts.map((count) => String(count).length)), 1);
  const width = context.system.userland === 'gnu' ? gnuWidth : 7;
  const text = rows
    .map(({ counts, name }) => {
      const numbers = single ? String(counts[0]) : counts.map((count) => String(count).padStart(width)).join(' ');
      return (name ? `${numbers} ${name}` : numbers) + '\n';
    })
    .join('');
  await context.stdout.write(text);
  return status;
};
