// test and [: file tests, string and integer comparisons, !, -a, -o and parentheses, with busybox's messages.

import type { Command, CommandContext } from '../process/command.ts';
import { exists } from '../process/files.ts';
import { pathOf } from './command-kit.ts';

class TestError extends Error {}

const unaryFile = new Set([
  '-e',
  '-f',
  '-d',
  '-s',
  '-r',
  '-w',
  '-x',
  '-h',
  '-L',
  '-p',
  '-S',
  '-b',
  '-c',
  '-g',
  '-u',
  '-k',
]);
const binaryInteger = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

function integer(text: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(text)) throw new TestError(`invalid number '${text}'`);
  return Number(text);
}

function fileTest(context: CommandContext, op: string, operand: string): boolean {
  const fs = context.system.fs;
  const path = pathOf(context, operand);
  const isDirectory = fs.isDirectory(path);
  const content = fs.read(path);
  switch (op) {
    case '-e':
    case '-r':
    case '-w':
      return exists(fs, path);
    case '-f':
      return content !== undefined;
    case '-d':
      return isDirectory;
    case '-s':
      return isDirectory || (content !== undefined && content.length > 0);
    case '-x':
      return isDirectory || (content !== undefined && (content === '' || content.startsWith('#!')));
    case '-c':
      return path.startsWith('/dev/');
    default:
      return false;
  }
}

/** Evaluates a test expression (recursive descent over -o, -a, !, primaries). */
function evaluate(context: CommandContext, args: string[]): boolean {
  let pos = 0;
  const peek = (): string | undefined => args[pos];

  function or(): boolean {
    let value = and();
    while (peek() === '-o') {
      pos++;
      value = and() || value;
    }
    return value;
  }
  function and(): boolean {
    let value = not();
    while (peek() === '-a') {
      pos++;
      value = not() && value;
    }
    return value;
  }
  function not(): boolean {
    if (peek() === '!' && pos + 1 < args.length) {
      pos++;
      return !not();
    }
    return primary();
  }
  function primary(): boolean {
    const first = args[pos];
    if (first === undefined) throw new TestError('argument expected');
    if (first === '(' && args.length - pos > 2) {
      pos++;
      const value = or();
      if (args[pos++] !== ')') throw new TestError("missing ')'");
      return value;
    }
    const op = args[pos + 1];
    const second = args[pos + 2];
    if (op !== undefined && second !== undefined && isBinary(op)) {
      pos += 3;
      return binary(first, op, second);
    }
    if ((unaryFile.has(first) || first === '-z' || first === '-n' || first === '-t') && op !== undefined) {
      pos += 2;
      if (first === '-z') return op === '';
      if (first === '-n') return op !== '';
      if (first === '-t') return context.tty && op === '1';
      return fileTest(context, first, op);
    }
    pos++;
    return first !== '';
  }
  function isBinary(op: string): boolean {
    return binaryInteger.has(op) || ['=', '==', '!=', '<', '>', '-nt', '-ot', '-ef'].includes(op);
  }
  function binary(left: string, op: string, right: string): boolean {
    switch (op) {
      case '=':
      case '==':
        return left === right;
      case '!=':
        return left !== right;
      case '<':
        return left < right;
      case '>':
        return left > right;
      case '-eq':
        return integer(left) === integer(right);
      case '-ne':
        return integer(left) !== integer(right);
      case '-lt':
        return integer(left) < integer(right);
      case '-le':
        return integer(left) <= integer(right);
      case '-gt':
        return integer(left) > integer(right);
      case '-ge':
        return integer(left) >= integer(right);
      default:
        return false;
    }
  }

  const value = or();
  if (pos < args.length) throw new TestError(`${args[pos]}: unknown operand`);
  return value;
}

export const testCommand: Command = async (context) => {
  let args = context.argv.slice(1);
  const bracket = (context.argv[0] ?? '').endsWith('[');
  if (bracket) {
    if (args[args.length - 1] !== ']') {
      await context.stderr.write('[: missing ]\n');
      return 2;
    }
    args = args.slice(0, -1);
  }
  if (args.length === 0) return 1;
  try {
    return evaluate(context, args) ? 0 : 1;
  } catch (error) {
    if (!(error instanceof TestError)) throw error;
    await context.stderr.write(`${bracket ? '[' : 'test'}: ${error.message}\n`);
    return 2;
  }
};
