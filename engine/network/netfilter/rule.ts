// An iptables rule as the stack holds it: the address, interface and protocol fields of the rule itself, the
// extension matches (`-m ...`) in the order they were given, the target, and its packet and byte counters; and what
// a match sees of the packet while a chain is evaluated.

import type { Cidr } from '../ip.ts';
import type { Packet, Protocol } from '../packet.ts';
import type { IpsetTable } from './ipset-table.ts';
import type { HookContext } from './packet-filter.ts';
import type { RecentLists } from './recent-lists.ts';
import type { Target } from './targets.ts';

export interface Counters {
  packets: number;
  bytes: number;
}

/** The conntrack states `-m conntrack --ctstate` and `-m state --state` name. */
export type CtState = 'INVALID' | 'NEW' | 'RELATED' | 'ESTABLISHED' | 'UNTRACKED';

/**
 * What a match looks at: the packet (addresses also as numbers), the hook's devices, its conntrack entry, and the
 * namespace's ipsets and recent lists.
 */
export interface MatchEnv {
  packet: Packet;
  src: number;
  dst: number;
  context: HookContext;
  ctState: CtState;
  /** Whether the packet's connection has its destination (DNAT) or source (SNAT) rewritten. */
  ctDnat: boolean;
  ctSnat: boolean;
  random: () => number;
  ipsets: IpsetTable;
  recent: RecentLists;
}

export interface Match {
  /** The extension's name, as `-m` names it. */
  readonly name: string;
  /** The extension's options as iptables-save prints them after `-m name` (with a leading space). */
  save(): string;
  test(env: MatchEnv): boolean;
}

export interface AddressField {
  cidr: Cidr;
  invert: boolean;
}

export interface InterfaceField {
  /** A device name; a trailing `+` matches every name that starts with the rest. */
  name: string;
  invert: boolean;
}

export interface ProtocolField {
  protocol: Protocol;
  invert: boolean;
}

export interface Rule {
  source?: AddressField;
  destination?: AddressField;
  inInterface?: InterfaceField;
  outInterface?: InterfaceField;
  protocol?: ProtocolField;
  matches: Match[];
  /** Undefined: the rule only counts. */
  target?: Target;
  counters: Counters;
  /** The rule as iptables-save prints it after `-A CHAIN` (with a leading space), computed once. */
  spec: string;
}
