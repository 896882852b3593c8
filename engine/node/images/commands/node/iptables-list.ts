// `iptables -L [CHAIN] [-n]`: a table's chains as iptables 1.8 lists them — each chain's header (its policy, or how
// many rules jump to it), then per rule its target, protocol, source and destination in columns, and what each
// match and target prints of itself (`/* comment */`, `tcp dpt:80`, `statistic mode random probability 0.5…`,
// `to:10.244.1.3:80`, `MARK or 0x4000`). Rules are read back from their iptables-save form; an extension without a
// listing form here shows its save options.

import { splitArguments } from '../../../../network/netfilter/arguments.ts';
import type { Chain, Table } from '../../../../network/netfilter/table.ts';

interface Option {
  name: string;
  invert: boolean;
  values: string[];
}

interface ParsedRule {
  source: { text: string; invert: boolean };
  destination: { text: string; invert: boolean };
  protocol: { name: string; invert: boolean };
  matches: { name: string; options: Option[] }[];
  target: { name: string; goto: boolean; options: Option[] };
}

const SERVICES: Record<string, string> = {
  '22': 'ssh',
  '53': 'domain',
  '80': 'http',
  '443': 'https',
  '8080': 'http-alt',
};

/** Splits the options after `-m name` or `-j name` up to the next one of those (or a base option). */
function readOptions(args: readonly string[], at: number): { options: Option[]; next: number } {
  const options: Option[] = [];
  let invert = false;
  let i = at;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '!') {
      invert = true;
      continue;
    }
    if (!arg.startsWith('--')) break;
    const values: string[] = [];
    while (i + 1 < args.length && !args[i + 1]!.startsWith('-') && args[i + 1] !== '!') values.push(args[++i]!);
    options.push({ name: arg.slice(2), invert, values });
    invert = false;
  }
  return { options, next: invert ? i - 1 : i };
}

function parseRule(spec: string): ParsedRule {
  const args = splitArguments(spec) ?? [];
  const rule: ParsedRule = {
    source: { text: '0.0.0.0/0', invert: false },
    destination: { text: '0.0.0.0/0', invert: false },
    protocol: { name: 'all', invert: false },
    matches: [],
    target: { name: '', goto: false, options: [] },
  };
  let invert = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '!') {
      invert = true;
      continue;
    }
    const value = args[i + 1] ?? '';
    if (arg === '-s' || arg === '-d' || arg === '-p') {
      const field = { '-s': 'source', '-d': 'destination', '-p': 'protocol' }[arg] as 'source' | 'destination';
      if (arg === '-p') rule.protocol = { name: value, invert };
      else rule[field] = { text: value, invert };
      i++;
    } else if (arg === '-i' || arg === '-o') {
      i++;
    } else if (arg === '-m') {
      const { options, next } = readOptions(args, i + 2);
      rule.matches.push({ name: value, options });
      i = next - 1;
    } else if (arg === '-j' || arg === '-g') {
      const { options, next } = readOptions(args, i + 2);
      rule.target = { name: value, goto: arg === '-g', options };
      i = next - 1;
    }
    invert = false;
  }
  return rule;
}

function address(text: string, numeric: boolean): string {
  if (text.endsWith('/0') && !numeric) return 'anywhere';
  return text.endsWith('/32') ? text.slice(0, -3) : text;
}

function port(value: string, numeric: boolean): string {
  return numeric ? value : (SERVICES[value] ?? value);
}

function option(options: Option[], name: string): Option | undefined {
  return options.find((o) => o.name === name);
}

function ports(options: Option[], numeric: boolean): string {
  let text = '';
  for (const [name, label] of [
    ['sport', 'spt'],
    ['dport', 'dpt'],
  ] as const) {
    const given = option(options, name);
    if (given === undefined) continue;
    const [low = '', high] = (given.values[0] ?? '').split(':');
    const inv = given.invert ? '!' : '';
    text +=
      high === undefined
        ? ` ${label}:${inv}${port(low, numeric)}`
        : ` ${label}s:${inv}${port(low, numeric)}:${port(high, numeric)}`;
  }
  return text;
}

/** How a match prints itself in a listing. */
function matchText(match: ParsedRule['matches'][number], numeric: boolean): string {
  const { name, options } = match;
  const first = (key: string) => option(options, key);
  switch (name) {
    case 'comment':
      return ` /* ${first('comment')?.values[0] ?? ''} */`;
    case 'tcp':
    case 'udp':
      return ` ${name}${ports(options, numeric)}`;
    case 'statistic': {
      const probability = first('probability');
      return ` statistic mode ${first('mode')?.values[0] ?? 'random'}${probability ? ` probability ${probability.values[0]}` : ''}`;
    }
    case 'mark': {
      const mark = first('mark');
      return ` mark match${mark?.invert ? ' !' : ''} ${mark?.values[0] ?? ''}`;
    }
    case 'addrtype':
      return ` ADDRTYPE match${options
        .map((o) => ` ${o.name.replace('-type', '')}-type ${o.invert ? '!' : ''}${o.values[0] ?? ''}`)
        .join('')}`;
    case 'conntrack': {
      const state = first('ctstate');
      return `${state?.invert ? ' !' : ''} ctstate ${state?.values[0] ?? ''}`;
    }
    case 'set': {
      const set = first('match-set');
      return `${set?.invert ? ' !' : ''} match-set ${set?.values.join(' ') ?? ''}`;
    }
    default:
      return ` ${name}${options.map((o) => `${o.invert ? ' !' : ''} --${o.name}${o.values.map((v) => ` ${v}`).join('')}`).join('')}`;
  }
}

/** What MARK's --set-xmark VALUE/MASK prints: and, or, xor, set or xset. */
function markText(xmark: string): string {
  const [value = 0, mask = 0xffffffff] = xmark.split('/').map((n) => Number.parseInt(n, 16) >>> 0);
  const hex = (n: number) => `0x${n.toString(16)}`;
  if (value === 0) return ` MARK and ${hex(~mask >>> 0)}`;
  if (value === mask) return ` MARK or ${hex(value)}`;
  if (mask === 0) return ` MARK xor ${hex(value)}`;
  if (mask === 0xffffffff) return ` MARK set ${hex(value)}`;
  return ` MARK xset ${hex(value)}/${hex(mask)}`;
}

/** How a target prints its options. */
function targetText(target: ParsedRule['target']): string {
  const flags = (options: Option[]) =>
    options
      .filter((o) => ['random', 'random-fully', 'persistent'].includes(o.name))
      .map((o) => ` ${o.name}`)
      .join('');
  switch (target.name) {
    case 'DNAT':
    case 'SNAT': {
      const to = option(target.options, target.name === 'DNAT' ? 'to-destination' : 'to-source');
      return `${to ? ` to:${to.values[0]}` : ''}${flags(target.options)}`;
    }
    case 'MASQUERADE':
      return flags(target.options);
    case 'MARK':
      return markText(option(target.options, 'set-xmark')?.values[0] ?? '0');
    case 'REJECT':
      return ` reject-with ${option(target.options, 'reject-with')?.values[0] ?? 'icmp-port-unreachable'}`;
    default:
      return target.goto ? ' [goto] ' : '';
  }
}

function ruleLine(spec: string, numeric: boolean): string {
  const rule = parseRule(spec);
  const mark = (invert: boolean) => (invert ? '!' : ' ');
  return (
    `${rule.target.name.padEnd(9)} ${mark(rule.protocol.invert)}${rule.protocol.name.padEnd(4)} -- ` +
    `${mark(rule.source.invert)}${address(rule.source.text, numeric).padEnd(19)} ` +
    `${mark(rule.destination.invert)}${address(rule.destination.text, numeric).padEnd(19)} ` +
    rule.matches.map((m) => matchText(m, numeric)).join('') +
    targetText(rule.target)
  );
}

function references(table: Table, chain: Chain): number {
  let count = 0;
  for (const other of table.chains.values()) {
    for (const rule of other.rules) {
      const args = splitArguments(rule.spec) ?? [];
      const at = args.findIndex((arg) => arg === '-j' || arg === '-g');
      if (at >= 0 && args[at + 1] === chain.name) count++;
    }
  }
  return count;
}

const HEADER = `${'target'.padEnd(9)}  prot opt ${'source'.padEnd(19)}  ${'destination'.padEnd(19)} `;

/** The listing of the table's chains (or the one named), built-in chains first, then user chains by name. */
export function listTable(table: Table, only: string | undefined, numeric: boolean): string {
  const chains = [...table.chains.values()];
  const ordered = [
    ...chains.filter((chain) => chain.builtin),
    ...chains.filter((chain) => !chain.builtin).sort((a, b) => (a.name < b.name ? -1 : 1)),
  ].filter((chain) => only === undefined || chain.name === only);
  return ordered
    .map((chain) => {
      const head = chain.builtin
        ? `Chain ${chain.name} (policy ${chain.policy})`
        : `Chain ${chain.name} (${references(table, chain)} references)`;
      return [head, HEADER, ...chain.rules.map((rule) => ruleLine(rule.spec, numeric))].join('\n') + '\n';
    })
    .join('\n');
}
