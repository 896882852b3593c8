// The argument text of iptables rules: splitting a restore line into arguments the way iptables-restore does, and
// quoting a string the way iptables-save does (xtables_save_string), so saved rules restore to the same arguments.

const PLAIN = /^[A-Za-z0-9_-]+$/;

/**
 * Splits one line into arguments: blanks separate them, double quotes group (with `\"`, `\\` and `\'` escapes
 * inside), a quoted empty string is an empty argument. Undefined when a quote is left open.
 */
export function splitArguments(line: string): string[] | undefined {
  if (!line.includes('"')) return line.split(/[ \t]+/).filter((part) => part !== '');
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    let arg = '';
    let quoted = false;
    for (; i < line.length; i++) {
      const ch = line[i]!;
      if (!quoted && (ch === ' ' || ch === '\t')) break;
      if (ch === '"') quoted = !quoted;
      else if (ch === '\\' && quoted && i + 1 < line.length) arg += line[++i];
      else arg += ch;
    }
    if (quoted) return undefined;
    args.push(arg);
  }
  return args;
}

/** The argument as iptables-save prints it: bare when it is only letters, digits, `_` and `-`, else double-quoted. */
export function quoteArgument(value: string): string {
  if (PLAIN.test(value)) return value;
  return `"${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}
