// The argument text of iptables rules: splitting a restore line into arguments the way iptables-restore does, and
// quoting a string the way iptables-save does (xtables_save_string), so saved rules restore to the same arguments.

const PLAIN = /^[A-Za-z0-9_-]+$/;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Splits one line into arguments: blanks separate them, double quotes group (with `\"`, `\\` and `\'` escapes
 * inside), a quoted empty string is an empty argument. Undefined when a quote is left open.
 */
export function splitArguments(line: string): string[] | undefined {
  const args: string[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === SPACE || c === TAB) {
      i++;
      continue;
    }
    let arg = '';
    let from = i;
    let quoted = false;
    for (; i < n; i++) {
      const ch = line.charCodeAt(i);
      if (!quoted && (ch === SPACE || ch === TAB)) break;
      if (ch === QUOTE) {
        arg += line.slice(from, i);
        from = i + 1;
        quoted = !quoted;
      } else if (ch === BACKSLASH && quoted && i + 1 < n) {
        arg += line.slice(from, i);
        from = ++i;
      }
    }
    if (quoted) return undefined;
    args.push(arg + line.slice(from, i));
  }
  return args;
}

/** The argument as iptables-save prints it: bare when it is only letters, digits, `_` and `-`, else double-quoted. */
export function quoteArgument(value: string): string {
  if (PLAIN.test(value)) return value;
  return `"${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}
