// Parsing one iptables command line (`-A CHAIN -s 10.0.0.0/8 -p tcp -m tcp --dport 80 -j ACCEPT`, as iptables and
// iptables-restore read it) into the command and its rule: the rule's own fields, its matches in the order given
// (with the implicit tcp/udp match that `-p tcp --dport 80` loads), its target, and the iptables-save text.

import { formatCidr, parseCidr, parseIPv4, prefixMask } from '../ip.ts';
import type { Cidr } from '../ip.ts';
import type { Protocol } from '../packet.ts';
import type { ExtensionOption, MatchExtension } from './matches.ts';
import { MATCH_EXTENSIONS } from './matches.ts';
import type { AddressField, InterfaceField, Match, ProtocolField, Rule } from './rule.ts';
import { TARGET_OPTIONS, buildTarget, saveTarget } from './targets.ts';

export type CommandName = 'A' | 'I' | 'D' | 'C' | 'N' | 'X' | 'F' | 'P' | 'Z';

export interface Command {
  command: CommandName;
  /** `-t`, when given. */
  table?: string;
  /** The chain; left out for `-X`, `-F`, `-Z` on the whole table. */
  chain?: string;
  /** `-I CHAIN 3`: 1-based. */
  position?: number;
  /** `-P CHAIN DROP`. */
  policy?: string;
  /** The rule of -A, -I, -D and -C. */
  rule?: Rule;
}

const LONG_COMMANDS: Record<string, CommandName> = {
  '--append': 'A',
  '--insert': 'I',
  '--delete': 'D',
  '--check': 'C',
  '--new-chain': 'N',
  '--delete-chain': 'X',
  '--flush': 'F',
  '--policy': 'P',
  '--zero': 'Z',
};

const PROTOCOLS: Record<string, Protocol | 'all'> = {
  tcp: 'tcp',
  '6': 'tcp',
  udp: 'udp',
  '17': 'udp',
  icmp: 'icmp',
  '1': 'icmp',
  all: 'all',
  '0': 'all',
};

/** `10.0.0.0/8`, `10.1.2.3`, or `10.0.0.0/255.0.0.0`. */
function parseAddress(text: string): Cidr | undefined {
  const [address = '', mask] = text.split('/');
  if (mask === undefined || !mask.includes('.')) return parseCidr(text);
  const maskValue = parseIPv4(mask);
  const prefix = maskValue === undefined ? -1 : [...Array(33).keys()].find((p) => prefixMask(p) === maskValue);
  return prefix === undefined || prefix < 0 ? undefined : parseCidr(`${address}/${prefix}`);
}

interface PendingExtension {
  extension: MatchExtension;
  options: ExtensionOption[];
}

function not(field: { invert: boolean }): string {
  return field.invert ? ' !' : '';
}

/** The rule's iptables-save text after `-A CHAIN`, with a leading space. */
export function formatRuleSpec(rule: Omit<Rule, 'spec' | 'counters'>): string {
  let text = '';
  if (rule.source) text += `${not(rule.source)} -s ${formatCidr(rule.source.cidr)}`;
  if (rule.destination) text += `${not(rule.destination)} -d ${formatCidr(rule.destination.cidr)}`;
  if (rule.inInterface) text += `${not(rule.inInterface)} -i ${rule.inInterface.name}`;
  if (rule.outInterface) text += `${not(rule.outInterface)} -o ${rule.outInterface.name}`;
  if (rule.protocol) text += `${not(rule.protocol)} -p ${rule.protocol.protocol}`;
  for (const match of rule.matches) text += ` -m ${match.name}${match.save()}`;
  if (rule.target) text += saveTarget(rule.target);
  return text;
}

/** Parses the arguments of one command, or says what is wrong with them. */
export function parseCommand(args: readonly string[]): Command | string {
  const parser = new CommandParser(args);
  try {
    parser.parse();
  } catch (error) {
    if (error instanceof CommandError) return error.message;
    throw error;
  }
  return parser.result();
}

class CommandError extends Error {}

/** One pass over the arguments, as iptables' do_command reads them. */
class CommandParser {
  private command: CommandName | undefined;
  private table: string | undefined;
  private chain: string | undefined;
  private position: number | undefined;
  private policy: string | undefined;
  private source: AddressField | undefined;
  private destination: AddressField | undefined;
  private inInterface: InterfaceField | undefined;
  private outInterface: InterfaceField | undefined;
  private protocol: ProtocolField | undefined;
  private targetName: string | undefined;
  private goto = false;
  private readonly targetOptions: ExtensionOption[] = [];
  private readonly pending: PendingExtension[] = [];
  private counters = { packets: 0, bytes: 0 };
  private invert = false;
  private i = 0;

  constructor(private readonly args: readonly string[]) {}

  parse(): void {
    const { args } = this;
    for (this.i = 0; this.i < args.length; this.i++) {
      const arg = args[this.i]!;
      if (arg === '!') {
        if (this.invert) throw new CommandError('multiple consecutive ! not allowed');
        this.invert = true;
        continue;
      }
      const name = arg.length === 2 && arg[0] === '-' ? arg[1]! : LONG_COMMANDS[arg];
      switch (name) {
        case 'A':
        case 'I':
        case 'D':
        case 'C':
        case 'N':
        case 'P':
          this.setCommand(name);
          this.chain = this.value(arg);
          if (name === 'I') {
            const at = this.optional();
            if (at !== undefined) {
              this.position = /^\d+$/.test(at) ? Number(at) : 0;
              if (this.position < 1) throw new CommandError(`Invalid rule number \`${at}'`);
            }
          }
          if (name === 'P') this.policy = this.value(arg);
          continue;
        case 'X':
        case 'F':
        case 'Z':
          this.setCommand(name);
          this.chain = this.optional();
          continue;
      }
      this.option(arg);
      if (this.invert) throw new CommandError(`"!" is not allowed before ${arg}`);
    }
  }

  result(): Command | string {
    const { command, protocol } = this;
    if (!command) return 'no command specified';
    if (this.invert) return 'a "!" with nothing after it';
    const result: Command = { command };
    if (this.table !== undefined) result.table = this.table;
    if (this.chain !== undefined) result.chain = this.chain;
    if (this.position !== undefined) result.position = this.position;
    if (this.policy !== undefined) result.policy = this.policy;
    if (command !== 'A' && command !== 'I' && command !== 'D' && command !== 'C') return result;

    const matches: Match[] = [];
    for (const { extension, options } of this.pending) {
      const match = extension.build(options, protocol?.invert ? undefined : protocol?.protocol);
      if (typeof match === 'string') return match;
      matches.push(match);
    }
    const rule: Rule = { matches, counters: this.counters, spec: '' };
    if (this.targetName !== undefined) {
      const target = buildTarget(this.targetName, this.targetOptions, this.goto);
      if (typeof target === 'string') return target;
      rule.target = target;
    }
    const { source, destination } = this;
    if (source && !(source.cidr.prefix === 0 && !source.invert)) rule.source = source;
    if (destination && !(destination.cidr.prefix === 0 && !destination.invert)) rule.destination = destination;
    if (this.inInterface) rule.inInterface = this.inInterface;
    if (this.outInterface) rule.outInterface = this.outInterface;
    if (protocol) rule.protocol = protocol;
    rule.spec = formatRuleSpec(rule);
    result.rule = rule;
    return result;
  }

  private option(arg: string): void {
    switch (arg) {
      case '-t':
      case '--table':
        this.table = this.value(arg);
        return;
      case '-s':
      case '--source':
      case '-d':
      case '--destination': {
        const text = this.value(arg);
        const cidr = parseAddress(text);
        if (!cidr) throw new CommandError(`host/network \`${text}' not found`);
        const field = { cidr, invert: this.takeInvert() };
        if (arg === '-s' || arg === '--source') this.source = field;
        else this.destination = field;
        return;
      }
      case '-i':
      case '--in-interface':
      case '-o':
      case '--out-interface': {
        const field = { name: this.value(arg), invert: this.takeInvert() };
        if (arg === '-i' || arg === '--in-interface') this.inInterface = field;
        else this.outInterface = field;
        return;
      }
      case '-p':
      case '--protocol': {
        const text = this.value(arg);
        const parsed = PROTOCOLS[text.toLowerCase()];
        if (!parsed) throw new CommandError(`unknown protocol "${text}" specified`);
        const inverted = this.takeInvert();
        this.protocol = parsed === 'all' ? undefined : { protocol: parsed, invert: inverted };
        return;
      }
      case '-m':
      case '--match': {
        const matchName = this.value(arg);
        const extension = MATCH_EXTENSIONS.get(matchName);
        if (!extension) throw new CommandError(`Couldn't load match \`${matchName}':No such file or directory`);
        this.pending.push({ extension, options: [] });
        return;
      }
      case '-j':
      case '--jump':
      case '-g':
      case '--goto':
        if (this.targetName !== undefined) throw new CommandError('multiple -j flags not allowed');
        this.targetName = this.value(arg);
        this.goto = arg === '-g' || arg === '--goto';
        return;
      case '-c':
      case '--set-counters': {
        const packets = Number(this.value(arg));
        const bytes = Number(this.value(arg));
        if (!Number.isSafeInteger(packets) || !Number.isSafeInteger(bytes)) {
          throw new CommandError('-c packet counter not numeric');
        }
        this.counters = { packets, bytes };
        return;
      }
      default:
        this.extensionOption(arg);
    }
  }

  /** `--dport 80` and the like: for the latest match that takes it, else the target, else an implicit tcp/udp. */
  private extensionOption(arg: string): void {
    if (!arg.startsWith('--')) throw new CommandError(`Bad argument \`${arg}'`);
    const option = arg.slice(2);
    let into: ExtensionOption[] | undefined;
    let takesValue: boolean | 2 | undefined;
    for (let p = this.pending.length - 1; p >= 0 && !into; p--) {
      const pending = this.pending[p]!;
      takesValue = pending.extension.options.get(option);
      if (takesValue !== undefined) into = pending.options;
    }
    if (!into && this.targetName !== undefined) {
      takesValue = TARGET_OPTIONS.get(this.targetName)?.get(option);
      if (takesValue !== undefined) into = this.targetOptions;
    }
    if (!into) {
      // `-p tcp --dport 80` loads the tcp match by itself, as iptables does.
      const implicit = this.protocol && MATCH_EXTENSIONS.get(this.protocol.protocol);
      takesValue = implicit?.options.get(option);
      if (!implicit || takesValue === undefined) throw new CommandError(`unknown option "${arg}"`);
      const loaded = { extension: implicit, options: [] };
      this.pending.push(loaded);
      into = loaded.options;
    }
    const inverted = this.takeInvert();
    const value = takesValue === 2 ? this.twoValues(arg) : takesValue ? this.value(arg) : '';
    into.push({ name: option, value, invert: inverted });
  }

  private value(option: string): string {
    const next = this.args[++this.i];
    if (next === undefined) throw new CommandError(`option "${option}" requires an argument`);
    return next;
  }

  /** `--match-set NAME FLAGS`: the second value is left out when the next argument is an option. */
  private twoValues(option: string): string {
    const first = this.value(option);
    const second = this.optional();
    return second === undefined ? first : `${first} ${second}`;
  }

  private optional(): string | undefined {
    const next = this.args[this.i + 1];
    if (next === undefined || next.startsWith('-') || next === '!') return undefined;
    this.i++;
    return next;
  }

  private setCommand(name: CommandName): void {
    if (this.command) throw new CommandError('Cannot use more than one command');
    this.command = name;
  }

  private takeInvert(): boolean {
    const was = this.invert;
    this.invert = false;
    return was;
  }
}
