// Parsing one iptables command line (`-A CHAIN -s 10.0.0.0/8 -p tcp -m tcp --dport 80 -j ACCEPT`, as iptables and
// iptables-restore read it) into the command and its rule: the rule's own fields, its matches in the order given
// (with the implicit tcp/udp match that `-p tcp --dport 80` loads), its target, and the iptables-save text.

import { formatCidr, parseCidr, parseIPv4, prefixMask } from '../ip.ts';
import type { Cidr } from '../ip.ts';
import type { Protocol } from '../packet.ts';
import type { ExtensionOption, MatchExtension } from './matches.ts';
import { MATCH_EXTENSIONS } from './matches.ts';
import type { AddressField, InterfaceField, Match, ProtocolField, Rule } from './rule.ts';
import type { Target } from './targets.ts';
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

/** The rule's iptables-save text after `-A CHAIN`, with a leading space. */
export function formatRuleSpec(rule: Omit<Rule, 'spec' | 'counters'>): string {
  let text = '';
  const not = (field: { invert: boolean }): string => (field.invert ? ' !' : '');
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
  let command: CommandName | undefined;
  let table: string | undefined;
  let chain: string | undefined;
  let position: number | undefined;
  let policy: string | undefined;
  let source: AddressField | undefined;
  let destination: AddressField | undefined;
  let inInterface: InterfaceField | undefined;
  let outInterface: InterfaceField | undefined;
  let protocol: ProtocolField | undefined;
  let targetName: string | undefined;
  let goto = false;
  const targetOptions: ExtensionOption[] = [];
  const pending: PendingExtension[] = [];
  let counters = { packets: 0, bytes: 0 };
  let invert = false;
  let i = 0;

  const value = (option: string): string => {
    const next = args[++i];
    if (next === undefined) throw new CommandError(`option "${option}" requires an argument`);
    return next;
  };
  const optional = (): string | undefined => {
    const next = args[i + 1];
    if (next === undefined || next.startsWith('-') || next === '!') return undefined;
    i++;
    return next;
  };
  const setCommand = (name: CommandName): void => {
    if (command) throw new CommandError('Cannot use more than one command');
    command = name;
  };
  const takeInvert = (): boolean => {
    const was = invert;
    invert = false;
    return was;
  };

  try {
    for (; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '!') {
        if (invert) throw new CommandError('multiple consecutive ! not allowed');
        invert = true;
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
          setCommand(name);
          chain = value(arg);
          if (name === 'I') {
            const at = optional();
            if (at !== undefined) {
              position = /^\d+$/.test(at) ? Number(at) : 0;
              if (position < 1) throw new CommandError(`Invalid rule number \`${at}'`);
            }
          }
          if (name === 'P') policy = value(arg);
          continue;
        case 'X':
        case 'F':
        case 'Z':
          setCommand(name);
          chain = optional();
          continue;
      }
      switch (arg) {
        case '-t':
        case '--table':
          table = value(arg);
          break;
        case '-s':
        case '--source':
        case '-d':
        case '--destination': {
          const text = value(arg);
          const cidr = parseAddress(text);
          if (!cidr) throw new CommandError(`host/network \`${text}' not found`);
          const field = { cidr, invert: takeInvert() };
          if (arg === '-s' || arg === '--source') source = field;
          else destination = field;
          break;
        }
        case '-i':
        case '--in-interface':
        case '-o':
        case '--out-interface': {
          const field = { name: value(arg), invert: takeInvert() };
          if (arg.startsWith('-i') || arg === '--in-interface') inInterface = field;
          else outInterface = field;
          break;
        }
        case '-p':
        case '--protocol': {
          const text = value(arg);
          const parsed = PROTOCOLS[text.toLowerCase()];
          if (!parsed) throw new CommandError(`unknown protocol "${text}" specified`);
          const inverted = takeInvert();
          protocol = parsed === 'all' ? undefined : { protocol: parsed, invert: inverted };
          break;
        }
        case '-m':
        case '--match': {
          const matchName = value(arg);
          const extension = MATCH_EXTENSIONS.get(matchName);
          if (!extension) throw new CommandError(`Couldn't load match \`${matchName}':No such file or directory`);
          pending.push({ extension, options: [] });
          break;
        }
        case '-j':
        case '--jump':
        case '-g':
        case '--goto':
          if (targetName !== undefined) throw new CommandError('multiple -j flags not allowed');
          targetName = value(arg);
          goto = arg === '-g' || arg === '--goto';
          break;
        case '-c':
        case '--set-counters': {
          const packets = Number(value(arg));
          const bytes = Number(value(arg));
          if (!Number.isSafeInteger(packets) || !Number.isSafeInteger(bytes)) {
            throw new CommandError('-c packet counter not numeric');
          }
          counters = { packets, bytes };
          break;
        }
        default:
          addOption(arg);
      }
      if (invert && args[i] !== '!') throw new CommandError(`"!" is not allowed before ${arg}`);
    }
  } catch (error) {
    if (error instanceof CommandError) return error.message;
    throw error;
  }

  function addOption(arg: string): void {
    if (!arg.startsWith('--')) throw new CommandError(`Bad argument \`${arg}'`);
    const option = arg.slice(2);
    const owner = [...pending].reverse().find((p) => p.extension.options.has(option));
    const targetTakes = targetName === undefined ? undefined : TARGET_OPTIONS.get(targetName)?.get(option);
    let takesValue: boolean;
    let into: ExtensionOption[];
    if (owner) {
      takesValue = owner.extension.options.get(option)!;
      into = owner.options;
    } else if (targetTakes !== undefined) {
      takesValue = targetTakes;
      into = targetOptions;
    } else {
      // `-p tcp --dport 80` loads the tcp match by itself, as iptables does.
      const implicit = protocol && MATCH_EXTENSIONS.get(protocol.protocol);
      if (!implicit?.options.has(option)) throw new CommandError(`unknown option "${arg}"`);
      const loaded = { extension: implicit, options: [] };
      pending.push(loaded);
      takesValue = implicit.options.get(option)!;
      into = loaded.options;
    }
    const inverted = takeInvert();
    into.push({ name: option, value: takesValue ? value(arg) : '', invert: inverted });
  }

  if (!command) return 'no command specified';
  if (invert) return 'a "!" with nothing after it';
  const result: Command = { command };
  if (table !== undefined) result.table = table;
  if (chain !== undefined) result.chain = chain;
  if (position !== undefined) result.position = position;
  if (policy !== undefined) result.policy = policy;
  if (command !== 'A' && command !== 'I' && command !== 'D' && command !== 'C') return result;

  const matches: Match[] = [];
  for (const { extension, options } of pending) {
    const match = extension.build(options, protocol?.invert ? undefined : protocol?.protocol);
    if (typeof match === 'string') return match;
    matches.push(match);
  }
  let target: Target | undefined;
  if (targetName !== undefined) {
    const built = buildTarget(targetName, targetOptions, goto);
    if (typeof built === 'string') return built;
    target = built;
  }
  const rule: Rule = { matches, counters, spec: '' };
  if (source && !(source.cidr.prefix === 0 && !source.invert)) rule.source = source;
  if (destination && !(destination.cidr.prefix === 0 && !destination.invert)) rule.destination = destination;
  if (inInterface) rule.inInterface = inInterface;
  if (outInterface) rule.outInterface = outInterface;
  if (protocol) rule.protocol = protocol;
  if (target) rule.target = target;
  rule.spec = formatRuleSpec(rule);
  result.rule = rule;
  return result;
}

class CommandError extends Error {}
