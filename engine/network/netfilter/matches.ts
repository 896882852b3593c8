// The match extensions (`-m name --option value`): tcp, udp, multiport, comment, mark, statistic, conntrack, state and
// addrtype — each parses its options, prints them as iptables-save does, and tests a packet — and the registry of
// every extension, with recent (recent-match.ts), set (set-match.ts) and physdev (physdev-match.ts).

import type { Protocol } from '../packet.ts';
import { quoteArgument } from './arguments.ts';
import { physdev } from './physdev-match.ts';
import { recent } from './recent-match.ts';
import type { Match, MatchEnv } from './rule.ts';
import { set } from './set-match.ts';

/** One option given to an extension: `! --dport 80` is { name: 'dport', value: '80', invert: true }. */
export interface ExtensionOption {
  name: string;
  value: string;
  invert: boolean;
}

export interface MatchExtension {
  name: string;
  /** The options it takes, each with whether it takes a value (2: two, as set's `--match-set NAME FLAGS`). */
  options: ReadonlyMap<string, boolean | 2>;
  /** The match, or the reason the options are wrong. `protocol` is the rule's `-p`. */
  build(options: ExtensionOption[], protocol: Protocol | undefined): Match | string;
}

export interface PortRange {
  first: number;
  last: number;
  invert: boolean;
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

/** `80`, `30000:32767`, `:1023`, `1024:`. */
function parsePortRange(text: string, invert: boolean): PortRange | undefined {
  const colon = text.indexOf(':');
  const first = colon < 0 ? parsePort(text) : colon === 0 ? 0 : parsePort(text.slice(0, colon));
  const last = colon < 0 ? first : colon === text.length - 1 ? 65535 : parsePort(text.slice(colon + 1));
  if (first === undefined || last === undefined || first > last) return undefined;
  return { first, last, invert };
}

function formatPortRange(range: PortRange): string {
  return range.first === range.last ? `${range.first}` : `${range.first}:${range.last}`;
}

function inRange(port: number, range: PortRange): boolean {
  return (port >= range.first && port <= range.last) !== range.invert;
}

/** A number as iptables takes it: decimal or 0x hexadecimal, 32 bits. */
export function parseUint32(text: string): number | undefined {
  if (!/^(0x[0-9a-fA-F]{1,8}|\d{1,10})$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 0xffffffff ? value : undefined;
}

export function formatHex(value: number): string {
  return `0x${value.toString(16)}`;
}

function options(...entries: [string, boolean][]): ReadonlyMap<string, boolean> {
  return new Map(entries);
}

/** `-m tcp` / `-m udp` with --sport and --dport (also loaded implicitly by `-p tcp --dport 80`). */
export class PortMatch implements Match {
  constructor(
    readonly name: 'tcp' | 'udp',
    readonly sport: PortRange | undefined,
    readonly dport: PortRange | undefined,
  ) {}

  save(): string {
    let text = '';
    if (this.sport) text += `${this.sport.invert ? ' !' : ''} --sport ${formatPortRange(this.sport)}`;
    if (this.dport) text += `${this.dport.invert ? ' !' : ''} --dport ${formatPortRange(this.dport)}`;
    return text;
  }

  test(env: MatchEnv): boolean {
    const { packet } = env;
    if (packet.protocol !== this.name) return false;
    return (!this.sport || inRange(packet.srcPort, this.sport)) && (!this.dport || inRange(packet.dstPort, this.dport));
  }
}

function portExtension(name: 'tcp' | 'udp'): MatchExtension {
  return {
    name,
    options: options(['sport', true], ['source-port', true], ['dport', true], ['destination-port', true]),
    build(given, protocol) {
      if (protocol !== name) return `${name} match: only valid with -p ${name}`;
      let sport: PortRange | undefined;
      let dport: PortRange | undefined;
      for (const option of given) {
        const range = parsePortRange(option.value, option.invert);
        if (!range) return `invalid port/service \`${option.value}' specified`;
        if (option.name === 'sport' || option.name === 'source-port') sport = range;
        else dport = range;
      }
      return new PortMatch(name, sport, dport);
    },
  };
}

class MultiportMatch implements Match {
  readonly name = 'multiport';
  constructor(
    private readonly flag: 'sports' | 'dports' | 'ports',
    private readonly ranges: PortRange[],
    private readonly invert: boolean,
  ) {}

  save(): string {
    return `${this.invert ? ' !' : ''} --${this.flag} ${this.ranges.map(formatPortRange).join(',')}`;
  }

  test({ packet }: MatchEnv): boolean {
    const hit = (port: number): boolean => this.ranges.some((range) => inRange(port, range));
    const found =
      this.flag === 'sports'
        ? hit(packet.srcPort)
        : this.flag === 'dports'
          ? hit(packet.dstPort)
          : hit(packet.srcPort) || hit(packet.dstPort);
    return found !== this.invert;
  }
}

const multiport: MatchExtension = {
  name: 'multiport',
  options: options(
    ['sports', true],
    ['source-ports', true],
    ['dports', true],
    ['destination-ports', true],
    ['ports', true],
  ),
  build(given, protocol) {
    if (protocol !== 'tcp' && protocol !== 'udp') return 'multiport needs `-p tcp` or `-p udp`';
    const option = given[0];
    if (given.length !== 1 || !option) return 'multiport: exactly one of --sports, --dports, --ports';
    const ranges = option.value.split(',').map((part) => parsePortRange(part, false));
    if (ranges.length > 15 || ranges.some((range) => !range)) return `multiport: bad port list \`${option.value}'`;
    const flag = option.name.startsWith('s') ? 'sports' : option.name.startsWith('d') ? 'dports' : 'ports';
    return new MultiportMatch(flag, ranges as PortRange[], option.invert);
  },
};

class CommentMatch implements Match {
  readonly name = 'comment';
  constructor(readonly comment: string) {}

  save(): string {
    return ` --comment ${quoteArgument(this.comment)}`;
  }

  test(): boolean {
    return true;
  }
}

const comment: MatchExtension = {
  name: 'comment',
  options: options(['comment', true]),
  build(given) {
    const option = given[0];
    if (given.length !== 1 || !option || option.invert) return 'comment: exactly one --comment';
    if (option.value.length > 255) return 'COMMENT must be shorter than 256 characters';
    return new CommentMatch(option.value);
  },
};

/** `value/mask`; the mask is 0xffffffff when left out. */
export function parseMarkMask(text: string): { value: number; mask: number } | undefined {
  const [valueText = '', maskText] = text.split('/');
  const value = parseUint32(valueText);
  const mask = maskText === undefined ? 0xffffffff : parseUint32(maskText);
  return value === undefined || mask === undefined ? undefined : { value, mask };
}

class MarkMatch implements Match {
  readonly name = 'mark';
  constructor(
    private readonly value: number,
    private readonly mask: number,
    private readonly invert: boolean,
  ) {}

  save(): string {
    const mark = this.mask === 0xffffffff ? formatHex(this.value) : `${formatHex(this.value)}/${formatHex(this.mask)}`;
    return `${this.invert ? ' !' : ''} --mark ${mark}`;
  }

  test({ packet }: MatchEnv): boolean {
    return ((packet.mark & this.mask) >>> 0 === this.value) !== this.invert;
  }
}

const mark: MatchExtension = {
  name: 'mark',
  options: options(['mark', true]),
  build(given) {
    const option = given[0];
    const parsed = option && parseMarkMask(option.value);
    if (given.length !== 1 || !option || !parsed) return 'mark: bad --mark value';
    return new MarkMatch(parsed.value, parsed.mask, option.invert);
  },
};

const PROBABILITY_SCALE = 0x80000000;

/** `-m statistic --mode random --probability p`: the kernel keeps p as a 31-bit fraction and draws 31 random bits. */
class StatisticMatch implements Match {
  readonly name = 'statistic';
  constructor(
    private readonly probability: number,
    private readonly invert: boolean,
  ) {}

  save(): string {
    return ` --mode random${this.invert ? ' !' : ''} --probability ${(this.probability / PROBABILITY_SCALE).toFixed(11)}`;
  }

  test({ random }: MatchEnv): boolean {
    return Math.floor(random() * PROBABILITY_SCALE) < this.probability !== this.invert;
  }
}

const statistic: MatchExtension = {
  name: 'statistic',
  options: options(['mode', true], ['probability', true]),
  build(given) {
    const mode = given.find((option) => option.name === 'mode');
    const probability = given.find((option) => option.name === 'probability');
    if (mode?.value !== 'random') return 'statistic: only --mode random is simulated';
    const p = Number(probability?.value);
    if (!probability || !(p >= 0 && p <= 1)) return 'statistic: --probability must be between 0 and 1';
    return new StatisticMatch(Math.round(p * PROBABILITY_SCALE), probability.invert);
  },
};

const CONNTRACK_STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'] as const;
type StateName = (typeof CONNTRACK_STATES)[number];

/** `-m conntrack --ctstate` and `-m state --state` (which prints its own name and knows no SNAT/DNAT). */
class StateMatch implements Match {
  constructor(
    readonly name: 'conntrack' | 'state',
    private readonly states: ReadonlySet<StateName>,
    private readonly invert: boolean,
  ) {}

  save(): string {
    const names = CONNTRACK_STATES.filter((state) => this.states.has(state)).join(',');
    return `${this.invert ? ' !' : ''} --${this.name === 'conntrack' ? 'ctstate' : 'state'} ${names}`;
  }

  test(env: MatchEnv): boolean {
    const hit =
      this.states.has(env.ctState) ||
      (env.ctDnat && this.states.has('DNAT')) ||
      (env.ctSnat && this.states.has('SNAT'));
    return hit !== this.invert;
  }
}

function stateExtension(name: 'conntrack' | 'state'): MatchExtension {
  const known: readonly StateName[] = name === 'state' ? CONNTRACK_STATES.slice(0, 5) : CONNTRACK_STATES;
  return {
    name,
    options: name === 'state' ? options(['state', true]) : options(['ctstate', true]),
    build(given) {
      const option = given[0];
      if (given.length !== 1 || !option) return `${name}: exactly one state list`;
      const states = option.value.split(',');
      const bad = states.find((state) => !known.includes(state as StateName));
      if (bad !== undefined) return `Bad ctstate "${bad}"`;
      return new StateMatch(name, new Set(states as StateName[]), option.invert);
    },
  };
}

const ADDRESS_TYPES = [
  'UNSPEC',
  'UNICAST',
  'LOCAL',
  'BROADCAST',
  'ANYCAST',
  'MULTICAST',
  'BLACKHOLE',
  'UNREACHABLE',
  'PROHIBIT',
  'THROW',
  'NAT',
  'XRESOLVE',
] as const;
type AddressType = (typeof ADDRESS_TYPES)[number];

const LOOPBACK_NET = 0x7f000000;
const MULTICAST_NET = 0xe0000000;

/** The type of route the namespace has to the address: LOCAL for its own (and 127/8), else by range. */
function addressType(ip: number, text: string, env: MatchEnv): AddressType {
  if (env.context.localAddresses.has(text) || (ip & 0xff000000) >>> 0 === LOOPBACK_NET) return 'LOCAL';
  if (ip === 0xffffffff) return 'BROADCAST';
  if ((ip & 0xf0000000) >>> 0 === MULTICAST_NET) return 'MULTICAST';
  return 'UNICAST';
}

interface AddressTypeSelector {
  types: ReadonlySet<AddressType>;
  invert: boolean;
}

class AddrtypeMatch implements Match {
  readonly name = 'addrtype';
  constructor(
    private readonly source: AddressTypeSelector | undefined,
    private readonly destination: AddressTypeSelector | undefined,
    private readonly limitIfaceIn: boolean,
    private readonly limitIfaceOut: boolean,
  ) {}

  save(): string {
    const print = (flag: string, selector: AddressTypeSelector | undefined): string =>
      selector
        ? `${selector.invert ? ' !' : ''} --${flag} ${ADDRESS_TYPES.filter((t) => selector.types.has(t)).join(',')}`
        : '';
    return (
      print('src-type', this.source) +
      print('dst-type', this.destination) +
      (this.limitIfaceIn ? ' --limit-iface-in' : '') +
      (this.limitIfaceOut ? ' --limit-iface-out' : '')
    );
  }

  test(env: MatchEnv): boolean {
    return (
      typeMatches(this.source, env.src, env.packet.src, env) &&
      typeMatches(this.destination, env.dst, env.packet.dst, env)
    );
  }
}

function typeMatches(selector: AddressTypeSelector | undefined, ip: number, text: string, env: MatchEnv): boolean {
  return !selector || selector.types.has(addressType(ip, text, env)) !== selector.invert;
}

const addrtype: MatchExtension = {
  name: 'addrtype',
  options: options(['src-type', true], ['dst-type', true], ['limit-iface-in', false], ['limit-iface-out', false]),
  build(given) {
    let source: AddressTypeSelector | undefined;
    let destination: AddressTypeSelector | undefined;
    for (const option of given) {
      if (option.name !== 'src-type' && option.name !== 'dst-type') continue;
      const types = option.value.split(',');
      const bad = types.find((type) => !ADDRESS_TYPES.includes(type as AddressType));
      if (bad !== undefined) return `addrtype: bad type "${bad}"`;
      const selector = { types: new Set(types as AddressType[]), invert: option.invert };
      if (option.name === 'src-type') source = selector;
      else destination = selector;
    }
    if (!source && !destination) return 'addrtype: you must specify --src-type or --dst-type';
    const has = (name: string): boolean => given.some((option) => option.name === name);
    return new AddrtypeMatch(source, destination, has('limit-iface-in'), has('limit-iface-out'));
  },
};

export const MATCH_EXTENSIONS: ReadonlyMap<string, MatchExtension> = new Map(
  [
    portExtension('tcp'),
    portExtension('udp'),
    multiport,
    comment,
    mark,
    statistic,
    stateExtension('conntrack'),
    stateExtension('state'),
    addrtype,
    recent,
    set,
    physdev,
  ].map((extension) => [extension.name, extension]),
);
