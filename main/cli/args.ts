// Command-line flags: `--name value`, `--name=value` and boolean `--flag`, checked against what a command accepts.

export interface FlagSpec {
  /** Flags taking a value. */
  values: readonly string[];
  /** Flags without a value. */
  booleans?: readonly string[];
}

export interface ParsedArgs {
  flags: Map<string, string>;
  positionals: string[];
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const flags = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.booleans?.includes(name)) {
      flags.set(name, eq < 0 ? 'true' : arg.slice(eq + 1));
      continue;
    }
    if (!spec.values.includes(name)) throw new UsageError(`unknown flag: --${name}`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`flag needs a value: --${name}`);
    flags.set(name, value);
  }
  return { flags, positionals };
}

export function intFlag(
  args: ParsedArgs,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const text = args.flags.get(name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** A flag whose value is one of `choices`; undefined when absent. */
export function choiceFlag<T extends string>(args: ParsedArgs, name: string, choices: readonly T[]): T | undefined {
  const text = args.flags.get(name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(text)}`);
  }
  return text as T;
}
