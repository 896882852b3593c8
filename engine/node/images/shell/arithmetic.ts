// Shell arithmetic ($((…))): integers, variables by name, the C operators with their precedence, assignments and
// increments, and the ternary operator.

export interface ArithmeticVariables {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export class ArithmeticError extends Error {}

type Token = { kind: 'number'; value: number } | { kind: 'name'; name: string } | { kind: 'op'; op: string };

const ops = [
  '<<=',
  '>>=',
  '**',
  '++',
  '--',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
  '~',
  '&',
  '|',
  '^',
  '?',
  ':',
  '=',
  '(',
  ')',
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    const number = /^(0[xX][0-9a-fA-F]+|\d+)/.exec(rest);
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (space) i += space[0].length;
    else if (number) {
      const digits = number[0];
      const value = /^0[xX]/.test(digits)
        ? parseInt(digits, 16)
        : /^0\d/.test(digits)
          ? parseInt(digits, 8)
          : Number(digits);
      if (Number.isNaN(value)) throw new ArithmeticError('arithmetic syntax error');
      tokens.push({ kind: 'number', value });
      i += digits.length;
    } else if (name) {
      tokens.push({ kind: 'name', name: name[0] });
      i += name[0].length;
    } else {
      const op = ops.find((candidate) => rest.startsWith(candidate));
      if (!op) throw new ArithmeticError('arithmetic syntax error');
      tokens.push({ kind: 'op', op });
      i += op.length;
    }
  }
  return tokens;
}

const binary: Record<string, [number, (a: number, b: number) => number]> = {
  '||': [1, (a, b) => Number(a !== 0 || b !== 0)],
  '&&': [2, (a, b) => Number(a !== 0 && b !== 0)],
  '|': [3, (a, b) => a | b],
  '^': [4, (a, b) => a ^ b],
  '&': [5, (a, b) => a & b],
  '==': [6, (a, b) => Number(a === b)],
  '!=': [6, (a, b) => Number(a !== b)],
  '<': [7, (a, b) => Number(a < b)],
  '<=': [7, (a, b) => Number(a <= b)],
  '>': [7, (a, b) => Number(a > b)],
  '>=': [7, (a, b) => Number(a >= b)],
  '<<': [8, (a, b) => a << b],
  '>>': [8, (a, b) => a >> b],
  '+': [9, (a, b) => a + b],
  '-': [9, (a, b) => a - b],
  '*': [10, (a, b) => a * b],
  '/': [10, (a, b) => divide(a, b)],
  '%': [10, (a, b) => (b === 0 ? divide(a, b) : a % b)],
  '**': [11, (a, b) => a ** b],
};

function divide(a: number, b: number): number {
  if (b === 0) throw new ArithmeticError('divide by zero');
  return Math.trunc(a / b);
}

export function evaluateArithmetic(text: string, variables: ArithmeticVariables): number {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (op: string): boolean => {
    const token = peek();
    return token?.kind === 'op' && token.op === op;
  };
  const valueOf = (name: string): number => {
    const raw = (variables.get(name) ?? '').trim();
    if (raw === '') return 0;
    if (/^[A-Za-z_]\w*$/.test(raw)) return valueOf(raw);
    const value = Number(raw);
    if (!Number.isInteger(value)) throw new ArithmeticError('arithmetic syntax error');
    return value;
  };

  function assignment(): number {
    const token = peek();
    const next = tokens[pos + 1];
    if (token?.kind === 'name' && next?.kind === 'op' && /^([-+*/%&|^]|<<|>>)?=$/.test(next.op)) {
      pos += 2;
      const right = assignment();
      const op = next.op.slice(0, -1);
      const value = op === '' ? right : binary[op]![1](valueOf(token.name), right);
      variables.set(token.name, String(value));
      return value;
    }
    return ternary();
  }

  function ternary(): number {
    const condition = binaryExpression(1);
    if (!isOp('?')) return condition;
    pos++;
    const yes = assignment();
    if (!isOp(':')) throw new ArithmeticError('arithmetic syntax error');
    pos++;
    const no = assignment();
    return condition !== 0 ? yes : no;
  }

  function binaryExpression(minPrecedence: number): number {
    let left = unary();
    for (;;) {
      const token = peek();
      const entry = token?.kind === 'op' ? binary[token.op] : undefined;
      if (!entry || entry[0] < minPrecedence) return left;
      pos++;
      const right = binaryExpression(token?.kind === 'op' && token.op === '**' ? entry[0] : entry[0] + 1);
      left = entry[1](left, right);
    }
  }

  function unary(): number {
    const token = peek();
    if (token?.kind === 'op') {
      if (token.op === '++' || token.op === '--') {
        pos++;
        const name = peek();
        if (name?.kind !== 'name') throw new ArithmeticError('arithmetic syntax error');
        pos++;
        const value = valueOf(name.name) + (token.op === '++' ? 1 : -1);
        variables.set(name.name, String(value));
        return value;
      }
      const apply: Record<string, (v: number) => number> = {
        '-': (v) => -v,
        '+': (v) => v,
        '!': (v) => Number(v === 0),
        '~': (v) => ~v,
      };
      const fn = apply[token.op];
      if (fn) {
        pos++;
        return fn(unary());
      }
    }
    return postfix();
  }

  function postfix(): number {
    const token = peek();
    pos++;
    if (token?.kind === 'number') return token.value;
    if (token?.kind === 'name') {
      const value = valueOf(token.name);
      if (isOp('++') || isOp('--')) {
        variables.set(token.name, String(value + (isOp('++') ? 1 : -1)));
        pos++;
      }
      return value;
    }
    if (token?.kind === 'op' && token.op === '(') {
      const value = assignment();
      if (!isOp(')')) throw new ArithmeticError('arithmetic syntax error');
      pos++;
      return value;
    }
    throw new ArithmeticError('arithmetic syntax error');
  }

  if (tokens.length === 0) return 0;
  const result = assignment();
  if (pos < tokens.length) throw new ArithmeticError('arithmetic syntax error');
  return result;
}
