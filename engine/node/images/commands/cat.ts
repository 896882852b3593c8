// cat [-n] [FILE…]: copies files (or stdin) to stdout.

import type { Command } from '../process/command.ts';
import { forEachInput, options } from './command-kit.ts';

export const catCommand: Command = async (context) => {
  const parsed = await options(context, 'nuAetv');
  if (!parsed) return 1;
  let number = 0;
  if (parsed.operands.length === 0 && !parsed.flags.has('n')) {
    for (let chunk = await context.stdin.read(); chunk !== null; chunk = await context.stdin.read()) {
      if (!(await context.stdout.write(chunk))) return 141;
    }
    return 0;
  }
  return forEachInput(context, parsed.operands, async (content) => {
    const text = parsed.flags.has('n')
      ? content.replace(/^(.*)(\n|$)/gm, (line, body: string, end: string) =>
          line === '' ? '' : `${String(++number).padStart(6)}\t${body}${end}`,
        )
      : content;
    return context.stdout.write(text);
  });
};
