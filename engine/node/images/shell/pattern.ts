// Shell patterns (globs) — `*`, `?`, bracket expressions — as used by pathname expansion, `case` and the ${x#…}
// family. Characters that were quoted in the word arrive backslash-escaped and match only themselves.

const classes: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

function escapeRegExp(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

/** The RegExp source of a pattern (not anchored). */
function patternSource(pattern: string): string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else if (c === '[') {
      const bracket = bracketSource(pattern, i);
      if (bracket) {
        source += bracket.source;
        i = bracket.end;
      } else source += '\\[';
    } else source += escapeRegExp(c);
  }
  return source;
}

function bracketSource(pattern: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  for (let first = true; i < pattern.length; first = false, i++) {
    const c = pattern[i]!;
    if (c === ']' && !first) return { source: `[${negate ? '^' : ''}${body}]`, end: i };
    if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      const name = close < 0 ? undefined : classes[pattern.slice(i + 2, close)];
      if (name !== undefined) {
        body += name;
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < pattern.length) body += escapeRegExp(pattern[++i]!);
    else if (c === '-' && !first && pattern[i + 1] !== ']') body += '-';
    else body += escapeRegExp(c);
  }
  return undefined;
}

/** Compiled patterns, by pattern: the same few (`*.conf`, `*.template`) are matched over and over. */
const compiled = new Map<string, RegExp>();

export function matchPattern(pattern: string, text: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    if (compiled.size >= 256) compiled.clear();
    regex = new RegExp(`^${patternSource(pattern)}$`);
    compiled.set(pattern, regex);
  }
  return regex.test(text);
}

/** Whether a pattern has unescaped special characters (so that pathname expansion applies). */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Removes the escapes of a pattern that matched nothing, giving the text as written. */
export function unescapePattern(pattern: string): string {
  return pattern.replace(/\\([\s\S])/g, '$1');
}

/** ${x#p}, ${x##p}, ${x%p}, ${x%%p}: removes the shortest or longest matching prefix or suffix. */
export function removeAffix(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  const regex = new RegExp(`^${patternSource(pattern)}$`);
  const lengths = [...Array(value.length + 1).keys()];
  if (op === '##' || op === '%%') lengths.reverse();
  for (const length of lengths) {
    if (op.startsWith('#') && regex.test(value.slice(0, length))) return value.slice(length);
    if (op.startsWith('%') && regex.test(value.slice(value.length - length)))
      return value.slice(0, value.length - length);
  }
  return value;
}

/** ${x/p/r} and ${x//p/r}: replaces the first or every longest match. */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  if (pattern === '') return value;
  let source = patternSource(pattern);
  if (source.startsWith('#')) source = '^' + source.slice(1);
  const regex = new RegExp(source, all ? 'g' : '');
  return value.replace(regex, () => replacement);
}
