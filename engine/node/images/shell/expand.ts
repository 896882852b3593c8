// Word expansion in the shell's order: tilde, parameters, command substitution and arithmetic; then field splitting
// of unquoted expansion results on IFS, pathname expansion of unquoted patterns, and quote removal.

import type { ContainerFilesystem } from '../program.ts';
import { resolvePath } from '../process/paths.ts';
import { ArithmeticError, evaluateArithmetic } from './arithmetic.ts';
import type { List, Word, WordPart } from './ast.ts';
import { hasGlob, matchPattern, removeAffix, replacePattern, unescapePattern } from './pattern.ts';

/** What expansion needs from the shell. */
export interface ExpansionHost {
  readonly fs: ContainerFilesystem;
  readonly cwd: string;
  readonly nounset: boolean;
  /** A variable or special parameter ($?, $$, $#, $0, $1…); undefined when unset. */
  parameter(name: string): string | undefined;
  positional(): string[];
  setVariable(name: string, value: string): void;
  /** Runs a command substitution and returns its output. */
  substitute(body: List): Promise<string>;
}

/** An expansion that failed (${x?}, set -u, bad arithmetic): the message to print, without the shell prefix. */
export class ExpansionError extends Error {}

interface Segment {
  text: string;
  quoted: boolean;
  /** Unquoted expansion results: split into fields on IFS. */
  split: boolean;
}

/** A boundary between fields that "$@" makes. */
const fieldBreak = null;
type Piece = Segment | typeof fieldBreak;

const globChars = /[*?[\]\\]/g;

export class Expander {
  constructor(private readonly host: ExpansionHost) {}

  /** Expands words into fields (command arguments, for-loop items). */
  async fields(words: Word[]): Promise<string[]> {
    const fields: string[] = [];
    for (const word of words) {
      for (const field of this.split(await this.pieces(word, false))) {
        if (field.glob) {
          const matches = glob(this.host.fs, this.host.cwd, field.pattern);
          fields.push(...(matches.length > 0 ? matches : [field.text]));
        } else fields.push(field.text);
      }
    }
    return fields;
  }

  /** Expands a word into one string: assignments, redirection targets, here-documents, case subjects. */
  async text(word: Word): Promise<string> {
    return (await this.pieces(word, false)).map((piece) => (piece === fieldBreak ? ' ' : piece.text)).join('');
  }

  /** Expands a word into a pattern: quoted characters escaped so that they match only themselves. */
  async pattern(word: Word): Promise<string> {
    return (await this.pieces(word, false))
      .map((piece) => (piece === fieldBreak ? ' ' : piece.quoted ? piece.text.replace(globChars, '\\$&') : piece.text))
      .join('');
  }

  private async pieces(word: Word, inDouble: boolean): Promise<Piece[]> {
    const pieces: Piece[] = [];
    for (const [index, part] of word.entries()) {
      if (index === 0 && part.kind === 'literal' && !inDouble && part.text.startsWith('~')) {
        pieces.push(...this.tilde(part.text));
        continue;
      }
      pieces.push(...(await this.part(part, inDouble)));
    }
    return pieces;
  }

  private tilde(text: string): Piece[] {
    const match = /^~(root)?(?=\/|$)/.exec(text);
    if (!match) return [{ text, quoted: false, split: false }];
    const home = this.host.parameter('HOME') ?? '/root';
    return [
      { text: home, quoted: true, split: false },
      { text: text.slice(match[0].length), quoted: false, split: false },
    ];
  }

  private async part(part: WordPart, inDouble: boolean): Promise<Piece[]> {
    switch (part.kind) {
      case 'literal':
        return [{ text: part.text, quoted: inDouble, split: false }];
      case 'quoted':
        return [{ text: part.text, quoted: true, split: false }];
      case 'double': {
        const only = part.parts.length === 1 ? part.parts[0] : undefined;
        if (only?.kind === 'param' && only.name === '@' && !only.op) return this.quotedAll();
        return [{ text: '', quoted: true, split: false }, ...(await this.pieces(part.parts, true))];
      }
      case 'param': {
        if (part.name === '@' && !part.op && !part.length && inDouble) return this.quotedAll();
        return [{ text: await this.parameter(part), quoted: inDouble, split: !inDouble }];
      }
      case 'command':
        return [{ text: await this.host.substitute(part.body), quoted: inDouble, split: !inDouble }];
      case 'arith':
        return [
          { text: String(this.arithmetic(await this.text(part.expression))), quoted: inDouble, split: !inDouble },
        ];
    }
  }

  /** "$@": each positional parameter a field of its own. */
  private quotedAll(): Piece[] {
    return this.host.positional().flatMap((arg, i): Piece[] => {
      const field: Piece = { text: arg, quoted: true, split: false };
      return i === 0 ? [field] : [fieldBreak, field];
    });
  }

  arithmetic(expression: string): number {
    try {
      return evaluateArithmetic(expression, {
        get: (name) => this.host.parameter(name),
        set: (name, value) => this.host.setVariable(name, value),
      });
    } catch (error) {
      if (error instanceof ArithmeticError) throw new ExpansionError(error.message);
      throw error;
    }
  }

  private async parameter(part: WordPart & { kind: 'param' }): Promise<string> {
    const { name, op } = part;
    const value = this.host.parameter(name);
    if (part.length) return String((value ?? '').length);
    const arg = async (): Promise<string> => (part.arg ? this.text(part.arg) : '');
    const unset = value === undefined;
    const empty = unset || value === '';
    switch (op) {
      case undefined:
        if (unset && this.host.nounset) throw new ExpansionError(`${name}: parameter not set`);
        return value ?? '';
      case '-':
      case ':-':
        return (op === '-' ? unset : empty) ? arg() : value!;
      case '=':
      case ':=':
        if (op === '=' ? unset : empty) {
          const assigned = await arg();
          this.host.setVariable(name, assigned);
          return assigned;
        }
        return value!;
      case '+':
      case ':+':
        return (op === '+' ? unset : empty) ? '' : arg();
      case '?':
      case ':?':
        if (op === '?' ? unset : empty) {
          const message = await arg();
          throw new ExpansionError(
            `${name}: ${message || (unset ? 'parameter not set' : 'parameter null or not set')}`,
          );
        }
        return value!;
      case '#':
      case '##':
      case '%':
      case '%%':
        return removeAffix(value ?? '', part.arg ? await this.pattern(part.arg) : '', op);
      case '/':
      case '//': {
        const pattern = part.arg ? await this.pattern(part.arg) : '';
        const replacement = part.replacement ? await this.text(part.replacement) : '';
        return replacePattern(value ?? '', pattern, replacement, op === '//');
      }
      case ':': {
        const [offsetText = '', lengthText] = (await arg()).split(':');
        const text = value ?? '';
        let offset = this.arithmetic(offsetText);
        if (offset < 0) offset = Math.max(0, text.length + offset);
        const length = lengthText === undefined ? text.length : this.arithmetic(lengthText);
        return text.slice(offset, length < 0 ? text.length + length : offset + length);
      }
    }
  }

  /** Field splitting on IFS; each field keeps its pattern form for pathname expansion. */
  private split(pieces: Piece[]): { text: string; pattern: string; glob: boolean }[] {
    const ifs = this.host.parameter('IFS') ?? ' \t\n';
    const fields: { text: string; pattern: string; glob: boolean }[] = [];
    let text = '';
    let pattern = '';
    let exists = false;
    const end = (): void => {
      if (exists) fields.push({ text, pattern, glob: hasGlob(pattern) });
      text = '';
      pattern = '';
      exists = false;
    };
    for (const piece of pieces) {
      if (piece === fieldBreak) {
        end();
        exists = true;
        continue;
      }
      if (!piece.split) {
        text += piece.text;
        pattern += piece.quoted ? piece.text.replace(globChars, '\\$&') : piece.text;
        exists ||= piece.quoted || piece.text !== '';
        continue;
      }
      for (const char of piece.text) {
        if (ifs.includes(char)) {
          if (/\s/.test(char)) end();
          else {
            exists = true;
            end();
          }
        } else {
          text += char;
          pattern += char;
          exists = true;
        }
      }
    }
    end();
    return fields;
  }
}

/** Pathname expansion: the paths matching a pattern, sorted; none when nothing matches. */
function glob(fs: ContainerFilesystem, cwd: string, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  let paths = [absolute ? '/' : ''];
  const segments = pattern.split('/').filter((segment) => segment !== '');
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const next: string[] = [];
    for (const prefix of paths) {
      const join = (name: string): string =>
        prefix === '' ? name : prefix.endsWith('/') ? prefix + name : `${prefix}/${name}`;
      const directory = resolvePath(cwd, prefix || '.');
      if (!hasGlob(segment)) {
        const path = join(unescapePattern(segment));
        const full = resolvePath(cwd, path);
        if (fs.isDirectory(full) || (last && fs.read(full) !== undefined)) next.push(path);
        continue;
      }
      for (const name of (fs.list(directory) ?? []).sort()) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (!matchPattern(segment, name)) continue;
        if (!last && !fs.isDirectory(resolvePath(directory, name))) continue;
        next.push(join(name));
      }
    }
    paths = next;
  }
  return pattern.endsWith('/') ? paths.map((path) => `${path}/`) : paths;
}
