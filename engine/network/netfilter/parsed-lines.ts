// The lines of iptables-restore texts, parsed once and shared by every namespace's restores: kube-proxy writes the
// same ~10^5 lines on every sync of every node. A text is first read against a recent text like it, line by line
// (a line equal to the one at the same place there, or a few lines on, has its parse); any other line is looked up
// by its text, and only a line never seen is parsed. Parses are shared and must not be changed: a table draft copies
// the rule it adds (the parsed fields, matches and target are never changed, so the copies share them). A parsed
// line is kept under a copy of its text, so what is kept does not hold on to the restore text it came from. Two
// generations bound the memory: when the young one is full it becomes the old one, and a line found only in the old
// one moves back.

import { splitArguments } from './arguments.ts';
import type { Command } from './command.ts';
import { parseCommand } from './command.ts';

/** `:CHAIN POLICY [packets:bytes]`. */
export interface ChainLine {
  name: string;
  policy: string;
  counters: string | undefined;
}

export type ParsedLine = Command | ChainLine;

const GENERATION = 1 << 18;
/** Recent texts read against. */
const RECENT = 1;
/** Lines compared to choose the recent text a new one is read against. */
const HEAD = 16;
/** How far on a line is looked for in the recent text; after `STREAK` misses in a row, `FAR`. */
const NEAR = 8;
const FAR = 256;
const STREAK = 4;

/** A parsed line and its own copy of the line's text (the key it is kept under). */
interface Known {
  line: string;
  parsed: ParsedLine;
}

let young = new Map<string, Known>();
let old = new Map<string, Known>();
let recent: RestoreText[] = [];

function parse(line: string): ParsedLine | string {
  if (line.startsWith(':')) {
    const [name = '', policy = '', counters] = line.slice(1).split(/\s+/);
    if (name === '' || policy === '') return 'chain line without chain name or policy';
    return { name, policy, counters };
  }
  const args = splitArguments(line);
  if (!args) return 'unterminated quoted argument';
  return parseCommand(args);
}

function known(line: string): ParsedLine | string {
  const found = young.get(line) ?? promote(line);
  if (found !== undefined) return found.parsed;
  const copy = JSON.parse(JSON.stringify(line)) as string;
  const parsed = parse(copy);
  if (typeof parsed !== 'string') remember({ line: copy, parsed });
  return parsed;
}

function promote(line: string): Known | undefined {
  const found = old.get(line);
  if (found !== undefined) remember(found);
  return found;
}

function remember(entry: Known): void {
  if (young.size >= GENERATION) {
    old = young;
    young = new Map();
  }
  young.set(entry.line, entry);
}

/** One restore's text, read line by line, parsed through the recent texts and the lines seen before. */
export class RestoreText {
  readonly lineCount: number;
  /** Where each line starts, and one past the end of the text (so line i ends before starts[i + 1] - 1). */
  private readonly starts: Int32Array;
  private readonly parsed: (ParsedLine | undefined)[];
  private like: RestoreText | undefined;
  /** Where in `like` the next line is expected. */
  private cursor = 0;
  private misses = 0;

  constructor(private readonly text: string) {
    let count = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
    this.lineCount = count;
    this.starts = new Int32Array(count + 1);
    let line = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.starts[line++] = at + 1;
    this.starts[count] = text.length + 1;
    this.parsed = new Array<ParsedLine | undefined>(count);
    let best = -1;
    for (const other of recent) {
      const head = this.commonHead(other);
      if (head > best) [best, this.like] = [head, other];
    }
  }

  /** Line `index` as it is in the text. */
  line(index: number): string {
    return this.text.slice(this.starts[index]!, this.starts[index + 1]! - 1);
  }

  private equals(index: number, line: string): boolean {
    const start = this.starts[index]!;
    return this.starts[index + 1]! - 1 - start === line.length && this.text.startsWith(line, start);
  }

  private commonHead(other: RestoreText): number {
    let n = 0;
    while (n < HEAD && n < this.lineCount && n < other.lineCount && other.equals(n, this.line(n))) n++;
    return n;
  }

  /** The parse of line `index` (`raw`), whose text without its blanks and `[packets:bytes]` prefix is `line`. */
  parse(index: number, raw: string, line: string): ParsedLine | string {
    const parsed = this.fromLike(raw) ?? known(line);
    if (typeof parsed !== 'string') this.parsed[index] = parsed;
    return parsed;
  }

  /** Keeps this text to read the next ones against (and lets go of the one it was read against). */
  keep(): void {
    this.like = undefined;
    recent = [this, ...recent.filter((other) => other !== this)].slice(0, RECENT);
  }

  private fromLike(raw: string): ParsedLine | undefined {
    const like = this.like;
    if (like === undefined) return undefined;
    const reach = Math.min(like.lineCount, this.cursor + (this.misses >= STREAK ? FAR : NEAR));
    for (let at = this.cursor; at < reach; at++) {
      if (!like.equals(at, raw)) continue;
      const parsed = like.parsed[at];
      if (parsed === undefined) break;
      this.cursor = at + 1;
      this.misses = 0;
      return parsed;
    }
    this.misses = this.misses >= STREAK ? 0 : this.misses + 1;
    return undefined;
  }
}
