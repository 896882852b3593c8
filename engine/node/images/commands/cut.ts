// cut -f LIST [-d DELIM] [-s] | -c LIST | -b LIST: selects fields or characters of each line.

import type { Command } from '../process/command.ts';
import { forEachInput, lines, options } from './command-kit.ts';

/** "1,3-5,7-" as a predicate over 1-based positions. */
function parseList(list: string): ((position: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of list.split(',')) {
    const match = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!match || (match[1] === '' && match[3] === '')) return undefined;
    const from = match[1] === '' ? 1 : Number(match[1]);
    const to = match[2] === '' ? from : match[3] === '' ? Infinity : Number(match[3]);
    ranges.push([from, to]);
  }
  return (position) => ranges.some(([from, to]) => position >= from && position <= to);
}

export const cutCommand: Command = async (context) => {
  const parsed = await options(context, 'sn', 'fdcb');
  if (!parsed) return 1;
  const list = parsed.values.get('f') ?? parsed.values.get('c') ?? parsed.values.get('b');
  if (list === undefined) {
    await context.stderr.write('cut: expected a list of bytes, characters, or fields\n');
    return 1;
  }
  const selected = parseList(list);
  if (!selected) {
    await context.stderr.write(`cut: invalid byte, character or field list\n`);
    return 1;
  }
  const delimiter = parsed.values.get('d') ?? '\t';
  const fields = parsed.values.has('f');
  return forEachInput(context, parsed.operands, async (content) => {
    const out = lines(content).flatMap((line) => {
      if (!fields) return [[...line].filter((_, i) => selected(i + 1)).join('')];
      if (!line.includes(delimiter)) return parsed.flags.has('s') ? [] : [line];
      return [
        line
          .split(delimiter)
          .filter((_, i) => selected(i + 1))
          .join(delimiter),
      ];
    });
    return context.stdout.write(out.map((line) => line + '\n').join(''));
  });
};
