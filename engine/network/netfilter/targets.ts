// The targets a rule jumps to (`-j`/`-g`): the verdicts, user chains, REJECT, the NAT targets (DNAT, SNAT,
// MASQUERADE), MARK and LOG — parsed from their options and printed as iptables-save does.

import { parseIPv4 } from '../ip.ts';
import { quoteArgument } from './arguments.ts';
import type { ExtensionOption } from './matches.ts';
import { formatHex, parseMarkMask, parseUint32 } from './matches.ts';

export const REJECT_WITH = [
  'icmp-net-unreachable',
  'icmp-host-unreachable',
  'icmp-port-unreachable',
  'icmp-proto-unreachable',
  'icmp-net-prohibited',
  'icmp-host-prohibited',
  'icmp-admin-prohibited',
  'tcp-reset',
] as const;
export type RejectWith = (typeof REJECT_WITH)[number];

/** A NAT address: `10.244.1.5` or `10.244.1.5:8080` (the port kept when left out). */
export interface NatAddress {
  address: string;
  port?: number;
}

export type NatFlag = 'random' | 'random-fully' | 'persistent';

export type Target =
  | { kind: 'ACCEPT' | 'DROP' | 'RETURN' }
  | { kind: 'chain'; chain: string; goto: boolean }
  | { kind: 'REJECT'; rejectWith: RejectWith }
  | { kind: 'DNAT'; to: NatAddress; flags: NatFlag[] }
  | { kind: 'SNAT'; to: NatAddress; flags: NatFlag[] }
  | { kind: 'MASQUERADE'; flags: NatFlag[] }
  /** The new mark is (mark & ~mask) ^ value, as --set-xmark says. */
  | { kind: 'MARK'; value: number; mask: number }
  | { kind: 'LOG'; prefix: string; level: number };

export const BUILTIN_TARGETS: ReadonlySet<string> = new Set([
  'ACCEPT',
  'DROP',
  'RETURN',
  'REJECT',
  'DNAT',
  'SNAT',
  'MASQUERADE',
  'MARK',
  'LOG',
]);

/** The options each target takes, each with whether it takes a value. */
export const TARGET_OPTIONS: ReadonlyMap<string, ReadonlyMap<string, boolean>> = new Map([
  ['REJECT', new Map([['reject-with', true]])],
  [
    'DNAT',
    new Map([
      ['to-destination', true],
      ['to', true],
      ['random', false],
      ['persistent', false],
    ]),
  ],
  [
    'SNAT',
    new Map([
      ['to-source', true],
      ['to', true],
      ['random', false],
      ['random-fully', false],
      ['persistent', false],
    ]),
  ],
  [
    'MASQUERADE',
    new Map([
      ['random', false],
      ['random-fully', false],
    ]),
  ],
  [
    'MARK',
    new Map([
      ['set-xmark', true],
      ['set-mark', true],
      ['or-mark', true],
      ['and-mark', true],
      ['xor-mark', true],
    ]),
  ],
  [
    'LOG',
    new Map([
      ['log-prefix', true],
      ['log-level', true],
    ]),
  ],
]);

const LOG_LEVELS = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];
const DEFAULT_LOG_LEVEL = 4;
const NAT_FLAGS: readonly NatFlag[] = ['random', 'random-fully', 'persistent'];

function parseNatAddress(text: string): NatAddress | undefined {
  const [address = '', port, ...rest] = text.split(':');
  if (rest.length > 0 || parseIPv4(address) === undefined) return undefined;
  if (port === undefined) return { address };
  const value = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
  return value >= 1 && value <= 65535 ? { address, port: value } : undefined;
}

export function formatNatAddress(to: NatAddress): string {
  return to.port === undefined ? to.address : `${to.address}:${to.port}`;
}

function natFlags(given: ExtensionOption[]): NatFlag[] {
  return NAT_FLAGS.filter((flag) => given.some((option) => option.name === flag));
}

function buildMark(given: ExtensionOption[]): Target | string {
  const option = given[0];
  if (given.length !== 1 || !option) return 'MARK: exactly one of --set-xmark, --set-mark, --or-mark, --and-mark';
  if (option.name === 'set-xmark' || option.name === 'set-mark') {
    const parsed = parseMarkMask(option.value);
    if (!parsed) return `MARK: bad value \`${option.value}'`;
    // --set-mark clears the masked bits then sets them; --set-xmark XORs them in.
    const mask = option.name === 'set-mark' ? (parsed.mask | parsed.value) >>> 0 : parsed.mask;
    return { kind: 'MARK', value: parsed.value, mask };
  }
  const bits = parseUint32(option.value);
  if (bits === undefined) return `MARK: bad value \`${option.value}'`;
  if (option.name === 'or-mark') return { kind: 'MARK', value: bits, mask: bits };
  if (option.name === 'and-mark') return { kind: 'MARK', value: 0, mask: ~bits >>> 0 };
  return { kind: 'MARK', value: bits, mask: 0 };
}

/** The target named `name` with its options, or the reason it is wrong. Other names are user chains. */
export function buildTarget(name: string, given: ExtensionOption[], goto: boolean): Target | string {
  if (goto || !BUILTIN_TARGETS.has(name)) {
    return given.length > 0 ? `unknown option "--${given[0]!.name}"` : { kind: 'chain', chain: name, goto };
  }
  const value = (option: string): string | undefined => given.find((o) => o.name === option)?.value;
  switch (name) {
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
      return { kind: name };
    case 'REJECT': {
      const rejectWith = value('reject-with') ?? 'icmp-port-unreachable';
      const known = rejectWith === 'tcp-rst' ? 'tcp-reset' : rejectWith;
      if (!REJECT_WITH.includes(known as RejectWith)) return `REJECT: unknown reject type "${rejectWith}"`;
      return { kind: 'REJECT', rejectWith: known as RejectWith };
    }
    case 'DNAT':
    case 'SNAT': {
      const text = value(name === 'DNAT' ? 'to-destination' : 'to-source') ?? value('to');
      const to = text === undefined ? undefined : parseNatAddress(text);
      if (!to) return `${name}: needs --to-${name === 'DNAT' ? 'destination' : 'source'} ip[:port]`;
      return { kind: name, to, flags: natFlags(given) };
    }
    case 'MASQUERADE':
      return { kind: 'MASQUERADE', flags: natFlags(given) };
    case 'MARK':
      return buildMark(given);
    default: {
      const levelText = value('log-level');
      const level =
        levelText === undefined
          ? DEFAULT_LOG_LEVEL
          : LOG_LEVELS.includes(levelText)
            ? LOG_LEVELS.indexOf(levelText)
            : Number(levelText);
      if (!(Number.isInteger(level) && level >= 0 && level <= 7)) return `LOG: bad --log-level "${levelText}"`;
      return { kind: 'LOG', prefix: value('log-prefix') ?? '', level };
    }
  }
}

/** The target's name as `-j` prints it. */
export function targetName(target: Target): string {
  return target.kind === 'chain' ? target.chain : target.kind;
}

/** ` -j NAME --options` as iptables-save prints it (` -g CHAIN` for a goto). */
export function saveTarget(target: Target): string {
  switch (target.kind) {
    case 'chain':
      return ` ${target.goto ? '-g' : '-j'} ${target.chain}`;
    case 'REJECT':
      return ` -j REJECT --reject-with ${target.rejectWith}`;
    case 'DNAT':
    case 'SNAT':
      return (
        ` -j ${target.kind} --to-${target.kind === 'DNAT' ? 'destination' : 'source'} ${formatNatAddress(target.to)}` +
        target.flags.map((flag) => ` --${flag}`).join('')
      );
    case 'MASQUERADE':
      return ' -j MASQUERADE' + target.flags.map((flag) => ` --${flag}`).join('');
    case 'MARK':
      return ` -j MARK --set-xmark ${formatHex(target.value)}/${formatHex(target.mask)}`;
    case 'LOG':
      return (
        ' -j LOG' +
        (target.prefix === '' ? '' : ` --log-prefix ${quoteArgument(target.prefix)}`) +
        (target.level === DEFAULT_LOG_LEVEL ? '' : ` --log-level ${target.level}`)
      );
    default:
      return ` -j ${target.kind}`;
  }
}
