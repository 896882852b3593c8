// expr EXPRESSION: integer arithmetic, comparisons, | and &, STRING : REGEX, length, substr, index; exits 1 when the
// result is null or 0.

import type { Command } from '../process/command.ts';

class ExprError extends Error {}

function evaluate(args: string[]): string {
  let pos = 0;
  const isInteger = (value: string): boolean => /^[-+]?\d+$/.test(value);
  const integer = (value: string): number => {
    if (!isInteger(value)) throw new ExprError('non-numeric argument');
    return Number(value);
  };
  const isNull = (value: string): boolean => value === '' || value === '0';
  const level =
    (ops: string[], next: () => string, apply: (a: string, op: string, b: string) => string) => (): string => {
      let left = next();
      while (pos < args.length && ops.includes(args[pos]!)) {
        const op = args[pos++]!;
        left = apply(left, op, next());
      }
      return left;
    };
  const primary = (): string => {
    const token = args[pos++];
    if (token === undefined) throw new ExprError('syntax error');
    if (token === '(') {
      const value = or();
      if (args[pos++] !== ')') throw new ExprError('syntax error');
      return value;
    }
    if (token === 'length') return String((args[pos++] ?? '').length);
    if (token === 'substr') {
      const [text = '', start = '', length = ''] = args.slice(pos, (pos += 3));
      return text.substr(integer(start) - 1, integer(length));
    }
    if (token === 'index') {
      const [text = '', chars = ''] = args.slice(pos, (pos += 2));
      const found = [...text].findIndex((char) => chars.includes(char));
      return String(found + 1);
    }
    if (token === 'match') {
      const [text = '', regex = ''] = args.slice(pos, (pos += 2));
      return matchRegex(text, regex);
    }
    return token;
  };
  const matchRegex = (text: string, regex: string): string => {
    const match = new RegExp('^' + regex.replace(/\\\(/g, '(').replace(/\\\)/g, ')')).exec(text);
    if (!match) return /\\\(/.test(regex) ? '' : '0';
    return match[1] ?? String(match[0].length);
  };
  const colon = level([':'], primary, (a, _op, b) => matchRegex(a, b));
  const multiply = level(['*', '/', '%'], colon, (a, op, b) => {
    if (op !== '*' && integer(b) === 0) throw new ExprError('division by zero');
    return String(
      op === '*' ? integer(a) * integer(b) : op === '/' ? Math.trunc(integer(a) / integer(b)) : integer(a) % integer(b),
    );
  });
  const add = level(['+', '-'], multiply, (a, op, b) =>
    String(op === '+' ? integer(a) + integer(b) : integer(a) - integer(b)),
  );
  const compare = level(['<', '<=', '=', '==', '!=', '>=', '>'], add, (a, op, b) => {
    const numeric = isInteger(a) && isInteger(b);
    const x = numeric ? Number(a) : a;
    const y = numeric ? Number(b) : b;
    const results: Record<string, boolean> = {
      '<': x < y,
      '<=': x <= y,
      '=': x === y,
      '==': x === y,
      '!=': x !== y,
      '>=': x >= y,
      '>': x > y,
    };
    return results[op] ? '1' : '0';
  });
  const and = level(['&'], compare, (a, _op, b) => (isNull(a) || isNull(b) ? '0' : a));
  const or = level(['|'], and, (a, _op, b) => (isNull(a) ? (isNull(b) ? '0' : b) : a));
  const result = or();
  if (pos < args.length) throw new ExprError('syntax error');
  return result;
}

export const exprCommand: Command = async (context) => {
  try {
    const result = evaluate(context.argv.slice(1));
    await context.stdout.write(result + '\n');
    return result === '' || result === '0' ? 1 : 0;
  } catch (error) {
    if (!(error instanceof ExprError)) throw error;
    await context.stderr.write(`expr: ${error.message}\n`);
    return 2;
  }
};
