// Helpers the commands share: option parsing in the getopt style (combined flags, attached values, "--"), reading
// operand files or stdin with each userland's error messages, and writing lines.

import type { CommandContext } from '../process/command.ts';
import type { Errno } from '../process/errno.ts';
import { strerror } from '../process/errno.ts';
import { readFile } from '../process/files.ts';
import { resolvePath } from '../process/paths.ts';

export interface ParsedOptions {
  flags: Set<string>;
  values: Map<string, string>;
  operands: string[];
}

/**
 * Parses `args` (argv without the command name). `flags` lists the letters without a value, `valued` those that take
 * one. Options stop at "--" or the first operand; a lone "-" is an operand. Returns an error text for unknown ones.
 */
function parseOptions(args: string[], flags: string, valued = ''): ParsedOptions | { error: string } {
  const result: ParsedOptions = { flags: new Set(), values: new Map(), operands: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      result.operands.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      result.operands.push(...args.slice(i));
      break;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if (valued.includes(letter)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (value === undefined) return { error: `option requires an argument -- '${letter}'` };
        result.values.set(letter, value);
        break;
      }
      if (!flags.includes(letter)) return { error: `invalid option -- '${letter}'` };
      result.flags.add(letter);
    }
  }
  return result;
}

/** Parses options, printing the error as the command does; undefined after an error (exit status 1). */
export async function options(context: CommandContext, flags: string, valued = ''): Promise<ParsedOptions | undefined> {
  const parsed = parseOptions(context.argv.slice(1), flags, valued);
  if ('error' in parsed) {
    await context.stderr.write(`${name(context)}: ${parsed.error}\n`);
    return undefined;
  }
  return parsed;
}

/** The command's name as it prints it in messages. */
export function name(context: CommandContext): string {
  const argv0 = context.argv[0] ?? '';
  return argv0.slice(argv0.lastIndexOf('/') + 1);
}

export async function writeError(context: CommandContext, message: string): Promise<void> {
  await context.stderr.write(`${name(context)}: ${message}\n`);
}

/** The message for a file that cannot be read, as busybox ("can't open 'x': …") or GNU ("x: …") prints it. */
function openErrorText(context: CommandContext, path: string, errno: Errno): string {
  if (context.system.userland === 'gnu' || errno === 'EISDIR') return `${path}: ${strerror(errno)}`;
  return `can't open '${path}': ${strerror(errno)}`;
}

/** A file's content ("-" is stdin), or undefined after printing why it cannot be read. */
export async function readOperand(context: CommandContext, operand: string): Promise<string | undefined> {
  if (operand === '-') return context.stdin.readAll();
  const content = readFile(context.system.fs, resolvePath(context.cwd, operand));
  if (typeof content === 'string') return content;
  await writeError(context, openErrorText(context, operand, content.errno));
  return undefined;
}

/**
 * Calls `each` with the content of every operand (stdin when there are none); returns 1 if any could not be read.
 * `each` returns false to stop early (its reader is gone).
 */
export async function forEachInput(
  context: CommandContext,
  operands: string[],
  each: (content: string, operand: string) => Promise<boolean | void>,
): Promise<number> {
  let status = 0;
  for (const operand of operands.length > 0 ? operands : ['-']) {
    const content = await readOperand(context, operand);
    if (content === undefined) status = 1;
    else if ((await each(content, operand)) === false) break;
  }
  return status;
}

/** Splits text into lines, without an empty last element for a final newline. */
export function lines(text: string): string[] {
  if (text === '') return [];
  const result = text.split('\n');
  if (result[result.length - 1] === '') result.pop();
  return result;
}

/** The absolute path of an operand. */
export function pathOf(context: CommandContext, operand: string): string {
  return resolvePath(context.cwd, operand);
}
