// head and tail: the first or last lines (-n N, -N, +N for tail) or bytes (-c N) of files or stdin; tail -f keeps
// reading a file as it grows, checking once a second of lab time.

import type { Command, CommandContext } from '../process/command.ts';
import { sleepFor } from '../process/command.ts';
import { forEachInput, lines, options, pathOf } from './command-kit.ts';

/** Rewrites the old forms -5 and (tail) +5 into -n 5 / -n +5. */
function normalise(argv: string[]): string[] {
  return argv.map((arg, i) => (i > 0 && /^[-+]\d+$/.test(arg) ? `-n${arg.startsWith('+') ? arg : arg.slice(1)}` : arg));
}

async function headOrTail(context: CommandContext, tail: boolean): Promise<number> {
  const parsed = await options({ ...context, argv: normalise(context.argv) }, tail ? 'fqvF' : 'qv', 'nc');
  if (!parsed) return 1;
  const countText = parsed.values.get('n') ?? parsed.values.get('c') ?? '10';
  const fromStart = tail && countText.startsWith('+');
  const count = Math.abs(Number(countText));
  if (Number.isNaN(count)) {
    await context.stderr.write(`${tail ? 'tail' : 'head'}: invalid number '${countText}'\n`);
    return 1;
  }
  const bytes = parsed.values.has('c');
  const many = parsed.operands.length > 1;
  let first = true;
  const status = await forEachInput(context, parsed.operands, async (content, operand) => {
    if (many)
      await context.stdout.write(`${first ? '' : '\n'}==> ${operand === '-' ? 'standard input' : operand} <==\n`);
    first = false;
    if (bytes) {
      return context.stdout.write(
        tail
          ? fromStart
            ? content.slice(count - 1)
            : content.slice(-count || content.length)
          : content.slice(0, count),
      );
    }
    const all = lines(content);
    const chosen = tail
      ? fromStart
        ? all.slice(Math.max(0, count - 1))
        : count === 0
          ? []
          : all.slice(-count)
      : all.slice(0, count);
    const text = chosen.map((line) => line + '\n').join('');
    const unterminated =
      chosen.length > 0 && chosen[chosen.length - 1] === all[all.length - 1] && !content.endsWith('\n');
    return context.stdout.write(unterminated ? text.slice(0, -1) : text);
  });
  const followed = parsed.operands[parsed.operands.length - 1];
  if (tail && (parsed.flags.has('f') || parsed.flags.has('F')) && followed !== undefined && status === 0) {
    return follow(context, pathOf(context, followed));
  }
  return status;
}

async function follow(context: CommandContext, path: string): Promise<number> {
  let seen = context.system.fs.read(path)?.length ?? 0;
  while (await sleepFor(context.system.clock, 1000, context.signal)) {
    const content = context.system.fs.read(path) ?? '';
    if (content.length < seen) seen = 0;
    if (content.length > seen) await context.stdout.write(content.slice(seen));
    seen = content.length;
  }
  return 128 + (context.signal.reason === 'SIGINT' ? 2 : 15);
}

export const headCommand: Command = (context) => headOrTail(context, false);
export const tailCommand: Command = (context) => headOrTail(context, true);
