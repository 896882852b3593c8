// Schema patterns are Go regular expressions (RE2 syntax); this compiles one into a JavaScript RegExp that matches
// the same strings for the syntax CRDs use: leading flag groups ((?i), (?s), (?m)), named groups (?P<name>…),
// POSIX classes ([[:alpha:]]), \A and \z, \Q…\E literals, \pL, and escaped punctuation that JavaScript's Unicode
// mode refuses. Compiled patterns are cached, as kube-openapi caches them.

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Characters JavaScript allows after a backslash in Unicode mode (outside a character class). */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');

const cache = new Map<string, RegExp>();

/** A character as an escape that means the same with and without the Unicode flag. */
function escaped(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) {
    const code = ch.charCodeAt(i);
    out += code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

function literal(text: string): string {
  return [...text].map((ch) => (/[A-Za-z0-9]/.test(ch) ? ch : escaped(ch))).join('');
}

/** Translates the body of a Go pattern (after its leading flags) into JavaScript syntax. */
function translate(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    const rest = pattern.slice(i);
    if (inClass && rest.startsWith('[:')) {
      const end = rest.indexOf(':]');
      const negated = rest[2] === '^';
      const name = rest.slice(negated ? 3 : 2, end);
      const set = POSIX_CLASSES[name];
      if (end > 0 && set !== undefined && !negated) {
        out += set;
        i += end + 1;
        continue;
      }
    }
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', i + 1);
        const text = pattern.slice(i + 1, end < 0 ? undefined : end);
        out += literal(text);
        i = end < 0 ? pattern.length : end + 1;
      } else if (next === 'A' && !inClass) out += '^';
      else if (next === 'z' && !inClass) out += '$';
      else if ((next === 'p' || next === 'P') && pattern[i + 1] !== '{') {
        out += `\\${next}{${pattern[i + 1] ?? ''}}`;
        i++;
      } else if (/[A-Za-z0-9]/.test(next) || JS_SYNTAX.has(next) || (inClass && next === '-')) out += `\\${next}`;
      else out += escaped(next);
      continue;
    }
    if (!inClass && rest.startsWith('(?P<')) {
      out += '(?<';
      i += 3;
      continue;
    }
    if (ch === '[' && !inClass) {
      inClass = true;
      out += ch;
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += `\\${pattern[++i]}`;
      continue;
    }
    if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return out;
}

/** The leading (?flags) group of a Go pattern, as JavaScript flags. */
function leadingFlags(pattern: string): { flags: string; body: string } {
  const match = /^\(\?([imsU]+)\)/.exec(pattern);
  if (!match) return { flags: '', body: pattern };
  const flags = [...new Set(match[1] ?? '')].filter((f) => f !== 'U').join('');
  return { flags, body: pattern.slice(match[0].length) };
}

/** Compiles a Go regular expression; throws a SyntaxError when JavaScript cannot compile its translation. */
export function compileGoRegexp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const { flags, body } = leadingFlags(pattern);
  const source = translate(body);
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, `${flags}u`);
  } catch {
    compiled = new RegExp(source, flags);
  }
  cache.set(pattern, compiled);
  return compiled;
}
