// The syntax tree of a shell program, as the parser produces it and the interpreter walks it. Words keep their
// quoting so that expansion can split fields and match patterns only where the text was unquoted.

export type WordPart =
  /** Unquoted text: fields split around it and patterns match in it. */
  | { kind: 'literal'; text: string }
  /** Text that was quoted or backslash-escaped. */
  | { kind: 'quoted'; text: string }
  | { kind: 'double'; parts: WordPart[] }
  | { kind: 'param'; name: string; op?: ParamOp; arg?: Word; replacement?: Word; length?: boolean }
  | { kind: 'command'; body: List }
  | { kind: 'arith'; expression: Word };

export type ParamOp = '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?' | '#' | '##' | '%' | '%%' | '/' | '//' | ':';

export type Word = WordPart[];

export interface Redirect {
  fd: number;
  op: '<' | '>' | '>>' | '>|' | '<>' | '>&' | '<&' | '<<';
  target: Word;
  /** For here-documents: the body, expanded unless the delimiter was quoted. */
  body?: Word;
}

export interface Assignment {
  name: string;
  value: Word;
}

export type Command =
  | { kind: 'simple'; assignments: Assignment[]; words: Word[]; redirects: Redirect[]; line: number }
  | { kind: 'group'; body: List; redirects: Redirect[] }
  | { kind: 'subshell'; body: List; redirects: Redirect[] }
  | { kind: 'if'; branches: { condition: List; body: List }[]; otherwise?: List; redirects: Redirect[] }
  | { kind: 'loop'; until: boolean; condition: List; body: List; redirects: Redirect[] }
  | { kind: 'for'; name: string; items?: Word[]; body: List; redirects: Redirect[] }
  | { kind: 'case'; word: Word; items: { patterns: Word[]; body: List }[]; redirects: Redirect[] }
  | { kind: 'function'; name: string; body: Command };

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface ListItem {
  command: AndOr;
  background: boolean;
}

export type List = ListItem[];
