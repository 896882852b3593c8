// The parser of client-go's JSONPath templates ("{.status.conditions[?(@.type==\"Ready\")].status}"), which a
// CustomResourceDefinition's additionalPrinterColumns use. It accepts what upstream accepts, quirks included:
// ['a.b'] means .a.b, and "\." escapes a dot inside a field name.

export interface SliceParam {
  known: boolean;
  value: number;
  /** The end of "[n]", derived from its start. */
  derived: boolean;
}

export type PathNode =
  | { type: 'list'; nodes: PathNode[] }
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { type: 'filter'; left: PathNode[]; right: PathNode[]; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; lists: PathNode[][] }
  | { type: 'identifier'; name: string };

export class JsonPathSyntaxError extends Error {}

const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

const isDigit = (r: string | undefined) => r !== undefined && /^\p{Nd}$/u.test(r);
const isAlphaNumeric = (r: string | undefined) => r !== undefined && (r === '_' || /^[\p{L}\p{Nd}]$/u.test(r));
const isTerminator = (r: string | undefined) => r === undefined || ' \t\r\n.,[]$@{}'.includes(r);

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** Go's strconv-style unquoting of a single- or double-quoted string. */
function unquote(quoted: string): string {
  const quote = quoted[0] ?? '';
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c === quote) throw new JsonPathSyntaxError(`unquote string ${quoted} error invalid syntax`);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i] ?? '';
    const hexLength = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = body.slice(i + 1, i + 1 + hexLength);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) {
        throw new JsonPathSyntaxError(`unquote string ${quoted} error invalid syntax`);
      }
      out += String.fromCodePoint(parseInt(hex, 16));
      i += hexLength;
    } else if (/^[0-7]{3}$/.test(body.slice(i, i + 3))) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else if (ESCAPES[e] !== undefined) {
      out += ESCAPES[e];
    } else {
      throw new JsonPathSyntaxError(`unquote string ${quoted} error invalid syntax`);
    }
  }
  return out;
}

class Parser {
  readonly root: PathNode[] = [];
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(private readonly input: string) {}

  parse(): PathNode[] {
    this.parseText();
    return this.root;
  }

  private next(): string | undefined {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return undefined;
    }
    const r = String.fromCodePoint(this.input.codePointAt(this.pos) ?? 0);
    this.width = r.length;
    this.pos += this.width;
    return r;
  }

  private peek(): string | undefined {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private rest(): string {
    return this.input.slice(this.pos);
  }

  private parseText(): void {
    for (;;) {
      if (this.rest().startsWith('{')) {
        if (this.pos > this.start) this.root.push({ type: 'text', text: this.consumeText() });
        this.pos += 1;
        this.consumeText();
        const action: PathNode[] = [];
        this.root.push({ type: 'list', nodes: action });
        this.parseInsideAction(action);
        return;
      }
      if (this.next() === undefined) break;
    }
    if (this.pos > this.start) this.root.push({ type: 'text', text: this.consumeText() });
  }

  private parseInsideAction(cur: PathNode[]): void {
    for (;;) {
      const rest = this.rest();
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consumeText();
        this.parseText();
        return;
      }
      if (rest.startsWith('[?(')) return this.parseFilter(cur);
      if (rest.startsWith('..')) return this.parseRecursive(cur);
      const r = this.next();
      if (r === undefined || r === '\r' || r === '\n') throw new JsonPathSyntaxError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') {
        this.consumeText();
        continue;
      }
      if (r === '[') return this.parseArray(cur);
      if (r === '"' || r === "'") return this.parseQuote(cur, r);
      if (r === '.') return this.parseField(cur);
      if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        return this.parseNumber(cur);
      }
      if (isAlphaNumeric(r)) {
        this.backup();
        return this.parseIdentifier(cur);
      }
      throw new JsonPathSyntaxError(`unrecognized character in action: ${r}`);
    }
  }

  private parseIdentifier(cur: PathNode[]): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consumeText();
    cur.push(
      value === 'true' || value === 'false'
        ? { type: 'bool', value: value === 'true' }
        : { type: 'identifier', name: value },
    );
    this.parseInsideAction(cur);
  }

  private parseRecursive(cur: PathNode[]): void {
    if (cur.at(-1)?.type === 'recursive') throw new JsonPathSyntaxError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
    this.parseInsideAction(cur);
  }

  private parseNumber(cur: PathNode[]): void {
    const sign = this.peek();
    if (sign === '+' || sign === '-') this.next();
    for (;;) {
      const r = this.next();
      if (r !== '.' && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) cur.push({ type: 'int', value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.push({ type: 'float', value: Number(value) });
    else throw new JsonPathSyntaxError(`cannot parse number ${value}`);
    this.parseInsideAction(cur);
  }

  private parseArray(cur: PathNode[]): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new JsonPathSyntaxError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      cur.push({ type: 'union', lists: parts.map((part) => parseAction(`[${part.replace(/^ +| +$/g, '')}]`)) });
      return this.parseInsideAction(cur);
    }
    const key = DICT_KEY.exec(text);
    if (key) {
      cur.push(...parseAction(`.${key[1] ?? ''}`));
      return this.parseInsideAction(cur);
    }
    const slice = SLICE.exec(text);
    if (!slice) throw new JsonPathSyntaxError(`invalid array index ${text}`);
    const params: SliceParam[] = [];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? '';
      if (part !== '') {
        if (i > 0) part = part.slice(1);
        if (i > 0 && part === '') {
          params.push({ known: false, value: 0, derived: false });
        } else if (/^[+-]?\d+$/.test(part)) {
          params.push({ known: true, value: Number(part), derived: false });
        } else {
          throw new JsonPathSyntaxError(`array index ${part} is not a number`);
        }
      } else if (i === 1) {
        params.push({ known: true, value: (params[0]?.value ?? 0) + 1, derived: true });
      } else {
        params.push({ known: false, value: 0, derived: false });
      }
    }
    cur.push({ type: 'array', params: params as [SliceParam, SliceParam, SliceParam] });
    this.parseInsideAction(cur);
  }

  private parseFilter(cur: PathNode[]): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new JsonPathSyntaxError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) {
        break;
      }
    }
    if (this.next() !== ']') throw new JsonPathSyntaxError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const match = FILTER.exec(text);
    if (!match) {
      cur.push({ type: 'filter', left: parseAction(text), right: [], operator: 'exists' });
    } else {
      cur.push({
        type: 'filter',
        left: parseAction(match[1] ?? ''),
        right: parseAction(match[3] ?? ''),
        operator: match[2] ?? '',
      });
    }
    this.parseInsideAction(cur);
  }

  private parseQuote(cur: PathNode[], end: string): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new JsonPathSyntaxError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    cur.push({ type: 'text', text: unquote(this.consumeText()) });
    this.parseInsideAction(cur);
  }

  private parseField(cur: PathNode[]): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        this.next();
      } else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    cur.push(value === '*' ? { type: 'wildcard' } : { type: 'field', name: value.replaceAll('\\', '') });
    this.parseInsideAction(cur);
  }
}

/** The nodes of one action, as parseAction("{text}") gives them for unions, dict keys and filters. */
function parseAction(text: string): PathNode[] {
  const first = new Parser(`{${text}}`).parse()[0];
  return first?.type === 'list' ? first.nodes : [];
}

/** Parses a JSONPath template into its top-level nodes: texts and `{…}` actions. Throws JsonPathSyntaxError. */
export function parseJsonPath(template: string): PathNode[] {
  return new Parser(template).parse();
}
