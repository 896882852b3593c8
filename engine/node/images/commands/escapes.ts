// Backslash escapes as echo -e and printf interpret them (\n, \t, \\, \0NNN or \NNN octal, \xHH, \c to stop).

export interface Unescaped {
  text: string;
  /** \c was met: no further output. */
  stop: boolean;
}

const simple: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** `octalNeedsZero`: echo's octal form is \0NNN; printf's is \NNN. */
export function unescape(text: string, octalNeedsZero: boolean): Unescaped {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[++i]!;
    if (next in simple) out += simple[next];
    else if (next === 'c') return { text: out, stop: true };
    else if (next === 'x' && /[0-9a-fA-F]/.test(text[i + 1] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(hex, 16));
      i += hex.length;
    } else if (/[0-7]/.test(next) && (!octalNeedsZero || next === '0')) {
      const start = octalNeedsZero ? i + 1 : i;
      const digits = /^[0-7]{0,3}/.exec(text.slice(start))![0];
      out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
      i = start + digits.length - 1;
    } else out += '\\' + next;
  }
  return { text: out, stop: false };
}
