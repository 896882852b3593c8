// awk [-F SEP] [-v VAR=VALUE] 'PROGRAM' [FILE…]: the part of awk one-liners use — BEGIN/END, patterns (expressions,
// /regex/), print and printf, assignments, if/else, next, fields, NR/NF/FS/OFS, string and arithmetic operators, and
// length/substr/index/toupper/tolower/int.

import type { Command } from '../process/command.ts';
import { forEachInput, lines } from './command-kit.ts';
import { printfCommand } from './printf.ts';
import { BufferOutput } from '../process/streams.ts';

type Value = string | number;
type Expr = (state: State) => Value;
type Statement = (state: State) => Promise<void>;

interface State {
  vars: Map<string, Value>;
  fields: string[];
  out: string[];
  context: Parameters<Command>[0];
}

class AwkError extends Error {}
class Next {}

const num = (value: Value): number =>
  typeof value === 'number' ? value : Number(/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(value)?.[0] ?? 0);
const str = (value: Value): string =>
  typeof value === 'number' ? (Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)))) : value;
const truthy = (value: Value): boolean => (typeof value === 'number' ? value !== 0 : value !== '');
const looksNumeric = (value: Value): boolean =>
  typeof value === 'number' || /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value);

function tokenize(program: string): string[] {
  const tokens: string[] = [];
  const pattern =
    /\s*(?:("(?:\\.|[^"\\])*")|(\/(?:\\.|[^/\\\n])+\/)|(\d+\.?\d*)|([A-Za-z_]\w*)|(&&|\|\||==|!=|<=|>=|\+\+|--|\+=|-=|\*=|\/=|!~|[-+*/%<>=!~(){},;$?:\n]))/y;
  let last = '';
  while (pattern.lastIndex < program.length) {
    const start = pattern.lastIndex;
    const match = pattern.exec(program);
    if (!match) {
      if (/^\s*$/.test(program.slice(start))) break;
      throw new AwkError(`syntax error at '${program.slice(start, start + 10)}'`);
    }
    let token = match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5]!;
    if (match[2] && /^[\w)\]$]/.test(last)) {
      pattern.lastIndex = start + match[0].indexOf('/') + 1;
      token = '/';
    }
    tokens.push(token);
    last = token;
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: string[]) {}

  private peek(): string | undefined {
    return this.tokens[this.pos];
  }
  private take(expected?: string): string {
    const token = this.tokens[this.pos++];
    if (token === undefined || (expected !== undefined && token !== expected))
      throw new AwkError(`syntax error near '${token ?? 'end'}'`);
    return token;
  }
  private skip(...tokens: string[]): void {
    while (tokens.includes(this.peek() ?? '')) this.pos++;
  }

  program(): { begin: Statement[]; end: Statement[]; rules: { pattern?: Expr; action?: Statement }[] } {
    const result = {
      begin: [] as Statement[],
      end: [] as Statement[],
      rules: [] as { pattern?: Expr; action?: Statement }[],
    };
    for (this.skip('\n', ';'); this.peek() !== undefined; this.skip('\n', ';')) {
      if (this.peek() === 'BEGIN' || this.peek() === 'END') {
        const which = this.take() === 'BEGIN' ? result.begin : result.end;
        which.push(this.block());
        continue;
      }
      const pattern = this.peek() === '{' ? undefined : this.expression();
      result.rules.push({ pattern, action: this.peek() === '{' ? this.block() : undefined });
    }
    return result;
  }

  private block(): Statement {
    this.take('{');
    const statements: Statement[] = [];
    for (this.skip('\n', ';'); this.peek() !== '}'; this.skip('\n', ';')) statements.push(this.statement());
    this.take('}');
    return async (state) => {
      for (const statement of statements) await statement(state);
    };
  }

  private statement(): Statement {
    const token = this.peek();
    if (token === '{') return this.block();
    if (token === 'next') {
      this.take();
      return async () => {
        throw new Next();
      };
    }
    if (token === 'if') {
      this.take();
      this.take('(');
      const condition = this.expression();
      this.take(')');
      this.skip('\n');
      const then = this.statement();
      const save = this.pos;
      this.skip('\n', ';');
      let otherwise: Statement | undefined;
      if (this.peek() === 'else') {
        this.take();
        this.skip('\n');
        otherwise = this.statement();
      } else this.pos = save;
      return async (state) => {
        if (truthy(condition(state))) await then(state);
        else await otherwise?.(state);
      };
    }
    if (token === 'print' || token === 'printf') {
      this.take();
      const args: Expr[] = [];
      const parenthesised = this.peek() === '(';
      if (parenthesised) this.take();
      while (this.peek() !== undefined && !['}', ';', '\n', ')'].includes(this.peek()!)) {
        args.push(this.expression(true));
        if (this.peek() === ',') this.take();
      }
      if (parenthesised) this.take(')');
      if (token === 'print') {
        return async (state) => {
          const ofs = str(state.vars.get('OFS') ?? ' ');
          state.out.push(
            (args.length === 0 ? [state.fields[0] ?? ''] : args.map((arg) => str(arg(state)))).join(ofs) + '\n',
          );
        };
      }
      return async (state) => {
        const output = new BufferOutput();
        await printfCommand({
          ...state.context,
          argv: ['printf', ...args.map((arg) => str(arg(state)))],
          stdout: output,
        });
        state.out.push(output.text());
      };
    }
    const expression = this.expression();
    return async (state) => {
      expression(state);
    };
  }

  expression(noConcatGreater = false): Expr {
    return this.ternary(noConcatGreater);
  }

  private ternary(noGreater: boolean): Expr {
    const condition = this.or(noGreater);
    if (this.peek() !== '?') return condition;
    this.take();
    const yes = this.ternary(noGreater);
    this.take(':');
    const no = this.ternary(noGreater);
    return (state) => (truthy(condition(state)) ? yes(state) : no(state));
  }

  private or(noGreater: boolean): Expr {
    let left = this.and(noGreater);
    while (this.peek() === '||') {
      this.take();
      const l = left;
      const right = this.and(noGreater);
      left = (state) => Number(truthy(l(state)) || truthy(right(state)));
    }
    return left;
  }

  private and(noGreater: boolean): Expr {
    let left = this.match(noGreater);
    while (this.peek() === '&&') {
      this.take();
      const l = left;
      const right = this.match(noGreater);
      left = (state) => Number(truthy(l(state)) && truthy(right(state)));
    }
    return left;
  }

  private match(noGreater: boolean): Expr {
    const left = this.comparison(noGreater);
    const op = this.peek();
    if (op !== '~' && op !== '!~') return left;
    this.take();
    const right = this.comparison(noGreater);
    return (state) => {
      const regex = new RegExp(str(right(state)));
      return Number(regex.test(str(left(state))) === (op === '~'));
    };
  }

  private comparison(noGreater: boolean): Expr {
    const left = this.concatenation();
    const op = this.peek();
    if (!['<', '<=', '==', '!=', '>=', ...(noGreater ? [] : ['>'])].includes(op ?? '')) return left;
    this.take();
    const right = this.concatenation();
    return (state) => {
      const a = left(state);
      const b = right(state);
      const numeric = looksNumeric(a) && looksNumeric(b);
      const x = numeric ? num(a) : str(a);
      const y = numeric ? num(b) : str(b);
      const results: Record<string, boolean> = {
        '<': x < y,
        '<=': x <= y,
        '==': x === y,
        '!=': x !== y,
        '>=': x >= y,
        '>': x > y,
      };
      return Number(results[op!]);
    };
  }

  private concatenation(): Expr {
    let left = this.additive();
    while (this.startsOperand()) {
      const l = left;
      const right = this.additive();
      left = (state) => str(l(state)) + str(right(state));
    }
    return left;
  }

  private startsOperand(): boolean {
    const token = this.peek();
    if (token === undefined) return false;
    if (['in', 'getline'].includes(token)) return false;
    return /^["\d$(!]/.test(token) || /^[A-Za-z_]/.test(token);
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.peek() === '+' || this.peek() === '-') {
      const op = this.take();
      const l = left;
      const right = this.multiplicative();
      left = op === '+' ? (state) => num(l(state)) + num(right(state)) : (state) => num(l(state)) - num(right(state));
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (['*', '/', '%'].includes(this.peek() ?? '')) {
      const op = this.take();
      const l = left;
      const right = this.unary();
      left = (state) => {
        const a = num(l(state));
        const b = num(right(state));
        if (op !== '*' && b === 0) throw new AwkError('division by zero');
        return op === '*' ? a * b : op === '/' ? a / b : a % b;
      };
    }
    return left;
  }

  private unary(): Expr {
    const token = this.peek();
    if (token === '!' || token === '-' || token === '+') {
      this.take();
      const operand = this.unary();
      return token === '!'
        ? (state) => Number(!truthy(operand(state)))
        : token === '-'
          ? (state) => -num(operand(state))
          : (state) => num(operand(state));
    }
    return this.primary();
  }

  private primary(): Expr {
    const token = this.take();
    if (token.startsWith('"')) {
      const text = JSON.parse(token.replace(/\\\//g, '/')) as string;
      return () => text;
    }
    if (token.startsWith('/') && token.length > 1) {
      const regex = new RegExp(token.slice(1, -1));
      return (state) => Number(regex.test(state.fields[0] ?? ''));
    }
    if (/^\d/.test(token)) {
      const value = Number(token);
      return () => value;
    }
    if (token === '(') {
      const inner = this.expression();
      this.take(')');
      return inner;
    }
    if (token === '$') {
      const index = this.primary();
      return this.assignable(
        (state) => state.fields[num(index(state))] ?? '',
        (state, value) => setField(state, num(index(state)), str(value)),
      );
    }
    if (/^[A-Za-z_]/.test(token)) {
      if (this.peek() === '(' && builtins[token]) {
        this.take('(');
        const args: Expr[] = [];
        while (this.peek() !== ')') {
          args.push(this.expression());
          if (this.peek() === ',') this.take();
        }
        this.take(')');
        const fn = builtins[token]!;
        return (state) =>
          fn(
            args.map((arg) => arg(state)),
            state,
          );
      }
      if (token === 'length') return (state) => (state.fields[0] ?? '').length;
      return this.assignable(
        (state) => variable(state, token),
        (state, value) => void state.vars.set(token, value),
      );
    }
    throw new AwkError(`syntax error near '${token}'`);
  }

  /** A variable or field, with the assignment and increment operators that may follow. */
  private assignable(get: Expr, set: (state: State, value: Value) => void): Expr {
    const op = this.peek();
    if (op === '=' || op === '+=' || op === '-=' || op === '*=' || op === '/=') {
      this.take();
      const right = this.expression();
      return (state) => {
        const r = right(state);
        const value =
          op === '='
            ? r
            : op === '+='
              ? num(get(state)) + num(r)
              : op === '-='
                ? num(get(state)) - num(r)
                : op === '*='
                  ? num(get(state)) * num(r)
                  : num(get(state)) / num(r);
        set(state, value);
        return value;
      };
    }
    if (op === '++' || op === '--') {
      this.take();
      return (state) => {
        const value = num(get(state));
        set(state, value + (op === '++' ? 1 : -1));
        return value;
      };
    }
    return get;
  }
}

function variable(state: State, name: string): Value {
  if (name === 'NF') return state.fields.length - 1;
  return state.vars.get(name) ?? '';
}

function setField(state: State, index: number, value: string): void {
  if (index === 0) {
    state.fields = splitRecord(value, str(state.vars.get('FS') ?? ' '));
    return;
  }
  while (state.fields.length <= index) state.fields.push('');
  state.fields[index] = value;
  state.fields[0] = state.fields.slice(1).join(str(state.vars.get('OFS') ?? ' '));
}

function splitRecord(record: string, fs: string): string[] {
  const parts =
    fs === ' '
      ? record
          .trim()
          .split(/\s+/)
          .filter((field) => field !== '')
      : record.split(fs.length === 1 ? fs : new RegExp(fs));
  return [record, ...(record === '' ? [] : parts)];
}

const builtins: Record<string, (args: Value[], state: State) => Value> = {
  length: (args, state) => str(args[0] ?? state.fields[0] ?? '').length,
  substr: ([s = '', start = 1, length]) => {
    const from = Math.max(1, Math.round(num(start)));
    const text = str(s);
    return length === undefined
      ? text.slice(from - 1)
      : text.slice(from - 1, Math.round(num(start)) - 1 + Math.round(num(length)));
  },
  index: ([s = '', t = '']) => str(s).indexOf(str(t)) + 1,
  toupper: ([s = '']) => str(s).toUpperCase(),
  tolower: ([s = '']) => str(s).toLowerCase(),
  int: ([n = 0]) => Math.trunc(num(n)),
};

export const awkCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  const vars = new Map<string, Value>([
    ['FS', ' '],
    ['OFS', ' '],
    ['NR', 0],
  ]);
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const flag = args.shift()!;
    const value = flag.length > 2 ? flag.slice(2) : (args.shift() ?? '');
    if (flag.startsWith('-F')) vars.set('FS', value === '\\t' || value === 't' ? '\t' : value);
    else if (flag.startsWith('-v')) {
      const [name = '', ...rest] = value.split('=');
      vars.set(name, rest.join('='));
    }
  }
  const source = args.shift();
  if (source === undefined) {
    await context.stderr.write('usage: awk [-F SEP] [-v VAR=VAL] PROGRAM [FILE]...\n');
    return 1;
  }
  let program: ReturnType<Parser['program']>;
  try {
    program = new Parser(tokenize(source)).program();
  } catch (error) {
    if (!(error instanceof AwkError)) throw error;
    await context.stderr.write(`awk: cmd. line:1: ${error.message}\n`);
    return 2;
  }
  const state: State = { vars, fields: [''], out: [], context };
  const flush = async (): Promise<boolean> => {
    const text = state.out.join('');
    state.out = [];
    return text === '' || context.stdout.write(text);
  };
  try {
    for (const statement of program.begin) await statement(state);
    let status = 0;
    if (program.rules.length > 0 || program.end.length > 0) {
      status = await forEachInput(context, args, async (content) => {
        for (const record of lines(content)) {
          vars.set('NR', num(vars.get('NR') ?? 0) + 1);
          state.fields = splitRecord(record, str(vars.get('FS') ?? ' '));
          try {
            for (const rule of program.rules) {
              if (rule.pattern && !truthy(rule.pattern(state))) continue;
              if (rule.action) await rule.action(state);
              else state.out.push((state.fields[0] ?? '') + '\n');
            }
          } catch (error) {
            if (!(error instanceof Next)) throw error;
          }
          if (!(await flush())) return false;
        }
      });
    }
    for (const statement of program.end) await statement(state);
    await flush();
    return status;
  } catch (error) {
    if (!(error instanceof AwkError)) throw error;
    await flush();
    await context.stderr.write(`awk: ${error.message}\n`);
    return 2;
  }
};
