// The shell grammar (POSIX sh, as busybox ash and dash accept it): lists, and-or lists, pipelines, simple commands
// with assignments and redirections, groups, subshells, if, while/until, for, case and function definitions.

import type { AndOr, Assignment, Command, List, Pipeline, Redirect, Word } from './ast.ts';
import { Lexer } from './lexer.ts';
import type { Source, SubParser, Token } from './lexer.ts';
import { ShellSyntaxError } from './syntax-error.ts';

const terminators = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
/** Reserved words, which ash and dash name quoted in syntax errors (other words are just "word"). */
const keywords = new Set([...terminators, '!', 'case', 'for', 'if', 'in', 'until', 'while', '{']);
const redirectOps = new Set(['<', '>', '>>', '>|', '<>', '>&', '<&', '<<', '<<-']);
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

const subParser: SubParser = {
  untilParen(source: Source): List {
    const parser = new Parser(source);
    const list = parser.list();
    parser.expectOp(')');
    return list;
  },
  whole(text: string): List {
    return parse(text);
  },
};

/** Parses a whole program; throws ShellSyntaxError. */
export function parse(text: string): List {
  const parser = new Parser({ text, pos: 0 });
  const list = parser.list();
  const token = parser.lexer.peek();
  if (token.type !== 'eof') throw parser.unexpected(token);
  return list;
}

function isWord(token: Token, text: string): boolean {
  return token.type === 'word' && token.text === text;
}

/** The token as ash and dash name it in syntax errors. */
function describe(token: Token): string {
  switch (token.type) {
    case 'word':
      return keywords.has(token.text) ? `"${token.text}"` : 'word';
    case 'op':
      return `"${token.op}"`;
    case 'newline':
      return 'newline';
    case 'io':
      return `"${token.fd}"`;
    case 'eof':
      return 'end of file';
  }
}

class Parser {
  readonly lexer: Lexer;

  constructor(source: Source) {
    this.lexer = new Lexer(source, subParser);
  }

  /** A syntax error at `token`; `expecting` names what the grammar needed there (e.g. "fi"). */
  unexpected(token: Token, expecting?: string): ShellSyntaxError {
    const quoted = expecting === undefined ? undefined : `"${expecting}"`;
    if (token.type === 'eof') return new ShellSyntaxError({ kind: 'end-of-file', expecting: quoted }, token.line);
    const text =
      token.type === 'word'
        ? token.text
        : token.type === 'op'
          ? token.op
          : token.type === 'io'
            ? String(token.fd)
            : 'newline';
    return new ShellSyntaxError({ kind: 'unexpected', token: describe(token), text, expecting: quoted }, token.line);
  }

  expectOp(op: string): void {
    const token = this.lexer.next();
    if (token.type !== 'op' || token.op !== op) throw this.unexpected(token, op);
  }

  private expectWord(text: string): void {
    const token = this.lexer.next();
    if (!isWord(token, text)) throw this.unexpected(token, text);
  }

  private skipNewlines(): void {
    while (this.lexer.peek().type === 'newline') this.lexer.next();
  }

  private atListEnd(): boolean {
    const token = this.lexer.peek();
    if (token.type === 'eof') return true;
    if (token.type === 'op') return token.op === ')' || token.op === ';;';
    return token.type === 'word' && terminators.has(token.text);
  }

  /** A list of and-or lists separated by ";", "&" or newlines, up to a terminator. */
  list(): List {
    const items: List = [];
    for (;;) {
      this.skipNewlines();
      if (this.atListEnd()) return items;
      const command = this.andOr();
      const token = this.lexer.peek();
      if (token.type === 'op' && (token.op === ';' || token.op === '&')) {
        this.lexer.next();
        items.push({ command, background: token.op === '&' });
      } else if (token.type === 'newline') {
        this.lexer.next();
        items.push({ command, background: false });
      } else {
        items.push({ command, background: false });
        if (!this.atListEnd()) throw this.unexpected(token);
        return items;
      }
    }
  }

  /** A list that must not be empty (the body of if, while, …). */
  private compoundList(): List {
    const list = this.list();
    if (list.length === 0) throw this.unexpected(this.lexer.peek());
    return list;
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const token = this.lexer.peek();
      if (token.type !== 'op' || (token.op !== '&&' && token.op !== '||')) return { first, rest };
      this.lexer.next();
      this.skipNewlines();
      rest.push({ op: token.op, pipeline: this.pipeline() });
    }
  }

  private pipeline(): Pipeline {
    const negate = isWord(this.lexer.peek(), '!');
    if (negate) this.lexer.next();
    const commands = [this.command()];
    for (;;) {
      const token = this.lexer.peek();
      if (token.type !== 'op' || token.op !== '|') return { negate, commands };
      this.lexer.next();
      this.skipNewlines();
      commands.push(this.command());
    }
  }

  private command(): Command {
    const token = this.lexer.peek();
    if (token.type === 'op' && token.op === '(') {
      this.lexer.next();
      const body = this.compoundList();
      this.expectOp(')');
      return { kind: 'subshell', body, redirects: this.redirects() };
    }
    if (token.type !== 'word') return this.simple();
    switch (token.text) {
      case 'if':
        return this.ifCommand();
      case 'while':
      case 'until':
        return this.loop(token.text === 'until');
      case 'for':
        return this.forCommand();
      case 'case':
        return this.caseCommand();
      case '{': {
        this.lexer.next();
        const body = this.compoundList();
        this.expectWord('}');
        return { kind: 'group', body, redirects: this.redirects() };
      }
    }
    if (terminators.has(token.text)) throw this.unexpected(token);
    const open = this.lexer.peek(1);
    if (namePattern.test(token.text) && open.type === 'op' && open.op === '(') {
      this.lexer.next();
      this.lexer.next();
      this.expectOp(')');
      this.skipNewlines();
      return { kind: 'function', name: token.text, body: this.command() };
    }
    return this.simple();
  }

  private ifCommand(): Command {
    this.lexer.next();
    const branches: { condition: List; body: List }[] = [];
    let otherwise: List | undefined;
    for (;;) {
      const condition = this.compoundList();
      this.expectWord('then');
      branches.push({ condition, body: this.compoundList() });
      const token = this.lexer.next();
      if (isWord(token, 'elif')) continue;
      if (isWord(token, 'else')) {
        otherwise = this.compoundList();
        this.expectWord('fi');
      } else if (!isWord(token, 'fi')) throw this.unexpected(token, 'fi');
      return { kind: 'if', branches, otherwise, redirects: this.redirects() };
    }
  }

  private loop(until: boolean): Command {
    this.lexer.next();
    const condition = this.compoundList();
    this.expectWord('do');
    const body = this.compoundList();
    this.expectWord('done');
    return { kind: 'loop', until, condition, body, redirects: this.redirects() };
  }

  private forCommand(): Command {
    this.lexer.next();
    const name = this.lexer.next();
    if (name.type !== 'word' || !namePattern.test(name.text)) throw this.unexpected(name);
    this.skipNewlines();
    let items: Word[] | undefined;
    if (isWord(this.lexer.peek(), 'in')) {
      this.lexer.next();
      items = [];
      for (let token = this.lexer.peek(); token.type === 'word'; token = this.lexer.peek()) {
        items.push(token.parts);
        this.lexer.next();
      }
    }
    const separator = this.lexer.peek();
    if (separator.type === 'op' && separator.op === ';') this.lexer.next();
    this.skipNewlines();
    this.expectWord('do');
    const body = this.compoundList();
    this.expectWord('done');
    return { kind: 'for', name: name.text, items, body, redirects: this.redirects() };
  }

  private caseCommand(): Command {
    this.lexer.next();
    const word = this.lexer.next();
    if (word.type !== 'word') throw this.unexpected(word);
    this.skipNewlines();
    this.expectWord('in');
    const items: { patterns: Word[]; body: List }[] = [];
    for (;;) {
      this.skipNewlines();
      if (isWord(this.lexer.peek(), 'esac')) break;
      const open = this.lexer.peek();
      if (open.type === 'op' && open.op === '(') this.lexer.next();
      const patterns: Word[] = [];
      for (;;) {
        const pattern = this.lexer.next();
        if (pattern.type !== 'word') throw this.unexpected(pattern);
        patterns.push(pattern.parts);
        const token = this.lexer.next();
        if (token.type === 'op' && token.op === ')') break;
        if (token.type !== 'op' || token.op !== '|') throw this.unexpected(token, ')');
      }
      const body = this.list();
      items.push({ patterns, body });
      const end = this.lexer.peek();
      if (end.type === 'op' && end.op === ';;') this.lexer.next();
      else if (!isWord(end, 'esac')) throw this.unexpected(end, 'esac');
    }
    this.lexer.next();
    return { kind: 'case', word: word.parts, items, redirects: this.redirects() };
  }

  private redirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (let redirect = this.redirect(); redirect; redirect = this.redirect()) redirects.push(redirect);
    return redirects;
  }

  /** A redirection at the current token, if there is one. */
  private redirect(): Redirect | undefined {
    let token = this.lexer.peek();
    let fd: number | undefined;
    if (token.type === 'io') {
      fd = token.fd;
      this.lexer.next();
      token = this.lexer.peek();
    }
    if (token.type !== 'op' || !redirectOps.has(token.op)) {
      if (fd !== undefined) throw this.unexpected(token);
      return undefined;
    }
    this.lexer.next();
    const target = this.lexer.next();
    if (target.type !== 'word') throw this.unexpected(target);
    const op = (token.op === '<<-' ? '<<' : token.op) as Redirect['op'];
    const redirect: Redirect = { fd: fd ?? (op.startsWith('<') ? 0 : 1), op, target: target.parts };
    if (op === '<<') this.lexer.heredoc(redirect, target, token.op === '<<-');
    return redirect;
  }

  private simple(): Command {
    const line = this.lexer.peek().line;
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const redirect = this.redirect();
      if (redirect) {
        redirects.push(redirect);
        continue;
      }
      const token = this.lexer.peek();
      if (token.type !== 'word') break;
      this.lexer.next();
      const assignment = words.length === 0 ? asAssignment(token) : undefined;
      if (assignment) assignments.push(assignment);
      else words.push(token.parts);
    }
    if (assignments.length === 0 && words.length === 0 && redirects.length === 0) {
      throw this.unexpected(this.lexer.peek());
    }
    return { kind: 'simple', assignments, words, redirects, line };
  }
}

/** NAME=value, when the name is unquoted literal text. */
function asAssignment(token: Token & { type: 'word' }): Assignment | undefined {
  const first = token.parts[0];
  if (first?.kind !== 'literal') return undefined;
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!match) return undefined;
  const rest = first.text.slice(match[0].length);
  const value: Word = rest === '' ? token.parts.slice(1) : [{ kind: 'literal', text: rest }, ...token.parts.slice(1)];
  return { name: match[1]!, value };
}
