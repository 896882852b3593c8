// The tokenizer of label selector strings (upstream's labels.Lexer): identifiers, the keywords `in` and `notin`, and
// the symbols `! = == != ( ) , > <`. Blanks are space, tab, CR and LF; a NUL character ends the input as in Go.

export type Token =
  | 'EndOfString'
  | 'ClosedPar'
  | 'Comma'
  | 'DoesNotExist'
  | 'DoubleEquals'
  | 'Equals'
  | 'GreaterThan'
  | 'Identifier'
  | 'In'
  | 'LessThan'
  | 'NotEquals'
  | 'NotIn'
  | 'OpenPar';

export interface ScannedItem {
  token: Token;
  literal: string;
}

const KEYWORDS = new Map<string, Token>([
  [')', 'ClosedPar'],
  [',', 'Comma'],
  ['!', 'DoesNotExist'],
  ['==', 'DoubleEquals'],
  ['=', 'Equals'],
  ['>', 'GreaterThan'],
  ['in', 'In'],
  ['<', 'LessThan'],
  ['!=', 'NotEquals'],
  ['notin', 'NotIn'],
  ['(', 'OpenPar'],
]);

const END = '\0';
const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string): boolean => ch.length === 1 && '=!(),><'.includes(ch);

class Lexer {
  private pos = 0;

  constructor(private readonly s: string) {}

  /** The next character, or NUL at the end (the position then stays put, as upstream's read does). */
  private read(): string {
    if (this.pos >= this.s.length) return END;
    return this.s[this.pos++] ?? END;
  }

  private unread(): void {
    this.pos--;
  }

  lex(): ScannedItem {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === END) return { token: 'EndOfString', literal: '' };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIdOrKeyword();
  }

  private scanIdOrKeyword(): ScannedItem {
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (ch === END) break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
    }
    return { token: KEYWORDS.get(buffer) ?? 'Identifier', literal: buffer };
  }

  /** The longest run of symbols that still forms one token: `!=` rather than `!` then `=`. */
  private scanSpecialSymbol(): ScannedItem {
    let buffer = '';
    let last: ScannedItem | undefined;
    for (;;) {
      const ch = this.read();
      if (ch === END) break;
      if (!isSpecialSymbol(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
      const token = KEYWORDS.get(buffer);
      if (token !== undefined) {
        last = { token, literal: buffer };
      } else if (last) {
        this.unread();
        break;
      }
    }
    // Every single symbol is a token, so the first character always yields one.
    return last ?? { token: 'EndOfString', literal: '' };
  }
}

/** All tokens of a selector string, ending with EndOfString. */
export function scanSelector(selector: string): ScannedItem[] {
  const lexer = new Lexer(selector);
  const items: ScannedItem[] = [];
  for (;;) {
    const item = lexer.lex();
    items.push(item);
    if (item.token === 'EndOfString') return items;
  }
}
