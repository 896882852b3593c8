// The shell's tokenizer: operators, newlines, IO numbers and words with their quoting, parameter expansions, command
// substitutions ($(…) parsed by the parser, `…` parsed on their own) and arithmetic; here-document bodies are read at
// the newline after their operator.

import type { List, ParamOp, Redirect, Word, WordPart } from './ast.ts';
import { ShellSyntaxError } from './syntax-error.ts';

export type Token =
  | { type: 'word'; parts: Word; text: string; line: number }
  | { type: 'op'; op: string; line: number }
  | { type: 'newline'; line: number }
  | { type: 'io'; fd: number; line: number }
  | { type: 'eof'; line: number };

/** The text being parsed, shared by the lexers of nested $(…) substitutions. */
export interface Source {
  text: string;
  pos: number;
}

/** Parses a list up to an unmatched ")" and consumes it (for $(…)); or a whole text (for `…`). */
export interface SubParser {
  untilParen(source: Source): List;
  whole(text: string): List;
}

const operators = ['&&', '||', ';;', '<<-', '<<', '>>', '>&', '<&', '<>', '>|', '&', '|', ';', '<', '>', '(', ')'];
const wordEnd = ' \t\n;&|<>()';
const nameStart = /[A-Za-z_]/;
const nameChar = /[A-Za-z0-9_]/;
const specialParams = '?$#@*!-0';

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
}

/** Collects word parts, merging adjacent texts of the same kind. */
class PartsBuilder {
  readonly parts: WordPart[] = [];

  text(kind: 'literal' | 'quoted', text: string): void {
    const last = this.parts[this.parts.length - 1];
    if (last?.kind === kind && text !== '') last.text += text;
    else this.parts.push({ kind, text });
  }

  push(part: WordPart): void {
    this.parts.push(part);
  }
}

export class Lexer {
  private readonly ahead: Token[] = [];
  private readonly heredocs: PendingHeredoc[] = [];
  private lineAt = { pos: 0, line: 1 };

  constructor(
    readonly source: Source,
    private readonly sub: SubParser,
  ) {}

  peek(n = 0): Token {
    while (this.ahead.length <= n) this.ahead.push(this.lex());
    return this.ahead[n]!;
  }

  next(): Token {
    return this.ahead.shift() ?? this.lex();
  }

  /** Registers a here-document whose body starts after the current line. */
  heredoc(redirect: Redirect, target: Token & { type: 'word' }, stripTabs: boolean): void {
    const quoted = /['"\\]/.test(target.text);
    const delimiter = target.parts.map((part) => ('text' in part ? part.text : '')).join('');
    this.heredocs.push({ redirect, delimiter, quoted, stripTabs });
  }

  line(): number {
    const { text, pos } = this.source;
    let { line } = this.lineAt;
    for (let i = this.lineAt.pos; i < pos && i < text.length; i++) if (text[i] === '\n') line++;
    this.lineAt = { pos, line };
    return line;
  }

  private error(problem: ConstructorParameters<typeof ShellSyntaxError>[0]): ShellSyntaxError {
    return new ShellSyntaxError(problem, this.line());
  }

  private lex(): Token {
    const src = this.source;
    for (;;) {
      const c = src.text[src.pos];
      if (c === ' ' || c === '\t') src.pos++;
      else if (c === '\\' && src.text[src.pos + 1] === '\n') src.pos += 2;
      else if (c === '#') while (src.pos < src.text.length && src.text[src.pos] !== '\n') src.pos++;
      else break;
    }
    const line = this.line();
    const c = src.text[src.pos];
    if (c === undefined) {
      if (this.heredocs.length > 0) throw this.error({ kind: 'end-of-file' });
      return { type: 'eof', line };
    }
    if (c === '\n') {
      src.pos++;
      this.readHeredocs();
      return { type: 'newline', line };
    }
    const op = operators.find((candidate) => src.text.startsWith(candidate, src.pos));
    if (op) {
      src.pos += op.length;
      return { type: 'op', op, line };
    }
    const start = src.pos;
    const parts = this.readWord('');
    const text = src.text.slice(start, src.pos);
    const following = src.text[src.pos];
    if (/^\d+$/.test(text) && (following === '<' || following === '>')) return { type: 'io', fd: Number(text), line };
    return { type: 'word', parts, text, line };
  }

  /** Reads a word up to an unquoted metacharacter (or, with `stop`, up to one of its characters only). */
  private readWord(stop: string): Word {
    const src = this.source;
    const parts = new PartsBuilder();
    const ends = stop || wordEnd;
    for (;;) {
      const c = src.text[src.pos];
      if (c === undefined || ends.includes(c)) break;
      if (c === '\\') {
        const next = src.text[src.pos + 1];
        src.pos += next === undefined ? 1 : 2;
        if (next === undefined) parts.text('literal', '\\');
        else if (next !== '\n') parts.text('quoted', next);
      } else if (c === "'") {
        const close = src.text.indexOf("'", src.pos + 1);
        if (close < 0) throw this.error({ kind: 'unterminated-quote' });
        parts.text('quoted', src.text.slice(src.pos + 1, close));
        src.pos = close + 1;
      } else if (c === '"') {
        src.pos++;
        parts.push({ kind: 'double', parts: this.readDouble('"') });
      } else if (c === '$') {
        this.readDollar(parts, 'literal');
      } else if (c === '`') {
        parts.push(this.readBackquote());
      } else {
        parts.text('literal', c);
        src.pos++;
      }
    }
    return parts.parts;
  }

  /** Reads double-quoted text up to `close` (consumed), or to the end of the source when close is empty. */
  private readDouble(close: string): Word {
    const src = this.source;
    const parts = new PartsBuilder();
    for (;;) {
      const c = src.text[src.pos];
      if (c === undefined) {
        if (close === '') break;
        throw this.error({ kind: 'unterminated-quote' });
      }
      if (c === close) {
        src.pos++;
        break;
      }
      if (c === '\\') {
        const next = src.text[src.pos + 1];
        const escapable = close === '"' ? '$`"\\\n' : '$`\\\n';
        if (next !== undefined && escapable.includes(next)) {
          if (next !== '\n') parts.text('quoted', next);
          src.pos += 2;
        } else {
          parts.text('quoted', '\\');
          src.pos++;
        }
      } else if (c === '$') {
        this.readDollar(parts, 'quoted');
      } else if (c === '`') {
        parts.push(this.readBackquote());
      } else {
        parts.text('quoted', c);
        src.pos++;
      }
    }
    return parts.parts;
  }

  private readDollar(parts: PartsBuilder, plain: 'literal' | 'quoted'): void {
    const src = this.source;
    const next = src.text[src.pos + 1];
    if (next === '{') {
      src.pos += 2;
      parts.push(this.readBraced());
    } else if (next === '(' && src.text[src.pos + 2] === '(') {
      src.pos += 3;
      parts.push({ kind: 'arith', expression: this.readArithmetic() });
    } else if (next === '(') {
      src.pos += 2;
      parts.push({ kind: 'command', body: this.sub.untilParen(src) });
    } else if (next !== undefined && nameStart.test(next)) {
      src.pos++;
      parts.push({ kind: 'param', name: this.readName() });
    } else if (next !== undefined && (/\d/.test(next) || specialParams.includes(next))) {
      src.pos += 2;
      parts.push({ kind: 'param', name: next });
    } else {
      parts.text(plain, '$');
      src.pos++;
    }
  }

  private readName(): string {
    const src = this.source;
    const start = src.pos;
    while (src.pos < src.text.length && nameChar.test(src.text[src.pos]!)) src.pos++;
    return src.text.slice(start, src.pos);
  }

  /** After "${": a name, an optional operator and its argument, up to the closing brace. */
  private readBraced(): WordPart {
    const src = this.source;
    const length = src.text[src.pos] === '#' && src.text[src.pos + 1] !== '}';
    if (length) src.pos++;
    const c = src.text[src.pos];
    let name: string;
    if (c !== undefined && nameStart.test(c)) name = this.readName();
    else if (c !== undefined && /\d/.test(c)) {
      const start = src.pos;
      while (/\d/.test(src.text[src.pos] ?? '')) src.pos++;
      name = src.text.slice(start, src.pos);
    } else if (c !== undefined && specialParams.includes(c)) {
      name = c;
      src.pos++;
    } else throw this.error({ kind: 'unexpected', token: '"${"', text: '${' });
    if (length) {
      this.expect('}');
      return { kind: 'param', name, length: true };
    }
    if (src.text[src.pos] === '}') {
      src.pos++;
      return { kind: 'param', name };
    }
    const ops: ParamOp[] = [':-', ':=', ':+', ':?', '##', '%%', '//', '-', '=', '+', '?', '#', '%', '/', ':'];
    const op = ops.find((candidate) => src.text.startsWith(candidate, src.pos));
    if (!op)
      throw this.error({
        kind: 'unexpected',
        token: `"${src.text[src.pos] ?? 'end of file'}"`,
        text: src.text[src.pos] ?? '',
      });
    src.pos += op.length;
    if (op === '/' || op === '//') {
      const arg = this.readWord('/}');
      let replacement: Word = [];
      if (src.text[src.pos] === '/') {
        src.pos++;
        replacement = this.readWord('}');
      }
      this.expect('}');
      return { kind: 'param', name, op, arg, replacement };
    }
    const arg = this.readWord('}');
    this.expect('}');
    return { kind: 'param', name, op, arg };
  }

  private expect(char: string): void {
    if (this.source.text[this.source.pos] !== char) {
      throw this.error(
        this.source.pos >= this.source.text.length ? { kind: 'end-of-file' } : { kind: 'unterminated-quote' },
      );
    }
    this.source.pos++;
  }

  /** After "$((": the expression up to the matching "))". */
  private readArithmetic(): Word {
    const src = this.source;
    let depth = 0;
    const start = src.pos;
    for (;;) {
      const c = src.text[src.pos];
      if (c === undefined) throw this.error({ kind: 'end-of-file' });
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0 && src.text[src.pos + 1] === ')') break;
        depth--;
      }
      src.pos++;
    }
    const inner = new Lexer({ text: src.text.slice(start, src.pos), pos: 0 }, this.sub);
    src.pos += 2;
    return inner.readDouble('');
  }

  private readBackquote(): WordPart {
    const src = this.source;
    let text = '';
    src.pos++;
    for (;;) {
      const c = src.text[src.pos];
      if (c === undefined) throw this.error({ kind: 'unterminated-quote' });
      src.pos++;
      if (c === '`') break;
      const next = src.text[src.pos];
      if (c === '\\' && next !== undefined && '`\\$'.includes(next)) {
        text += next;
        src.pos++;
      } else text += c;
    }
    return { kind: 'command', body: this.sub.whole(text) };
  }

  private readHeredocs(): void {
    const src = this.source;
    for (const doc of this.heredocs.splice(0)) {
      const lines: string[] = [];
      for (;;) {
        if (src.pos >= src.text.length) throw this.error({ kind: 'end-of-file' });
        const end = src.text.indexOf('\n', src.pos);
        const raw = src.text.slice(src.pos, end < 0 ? src.text.length : end);
        src.pos = end < 0 ? src.text.length : end + 1;
        const line = doc.stripTabs ? raw.replace(/^\t+/, '') : raw;
        if (line === doc.delimiter) break;
        lines.push(line + '\n');
      }
      const body = lines.join('');
      doc.redirect.body = doc.quoted
        ? [{ kind: 'quoted', text: body }]
        : new Lexer({ text: body, pos: 0 }, this.sub).readDouble('');
    }
  }
}
