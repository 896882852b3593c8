// The four iptables tables of a namespace and their chains: the built-in chains each table has at the hooks (as the
// kernel registers them), user chains, policies with their counters, and the rule index a long chain keeps.

import type { Hook } from './packet-filter.ts';
import { ChainIndex } from './chain-index.ts';
import type { Counters, Rule } from './rule.ts';

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter';

export const TABLE_NAMES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter'];

export const BUILTIN_CHAINS: Record<TableName, readonly Hook[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export type Policy = 'ACCEPT' | 'DROP';

/** Chains shorter than this are scanned; longer ones get an index. */
const INDEX_FROM = 16;

export class Chain {
  private index: ChainIndex | undefined;

  constructor(
    readonly name: string,
    /** Undefined for a user chain. */
    public policy: Policy | undefined,
    public rules: Rule[] = [],
    readonly policyCounters: Counters = { packets: 0, bytes: 0 },
  ) {}

  get builtin(): boolean {
    return this.policy !== undefined;
  }

  /** A copy to change: same rules (shared), own rule list, no index yet. */
  clone(): Chain {
    return new Chain(this.name, this.policy, [...this.rules], { ...this.policyCounters });
  }

  /** The positions of the rules a packet with this index key may match, or undefined: all of them. */
  candidates(key: number | undefined): readonly number[] | undefined {
    if (this.rules.length < INDEX_FROM) return undefined;
    this.index ??= new ChainIndex(this.rules);
    return this.index.candidates(key);
  }

  /** Call after changing `rules` in place. */
  changed(): void {
    this.index = undefined;
  }
}

export interface Table {
  name: TableName;
  chains: Map<string, Chain>;
  /** Whether the table has been used (iptables-save prints only those, as the kernel loads tables on use). */
  loaded: boolean;
}

export function createTable(name: TableName): Table {
  const chains = new Map<string, Chain>();
  for (const hook of BUILTIN_CHAINS[name]) chains.set(hook, new Chain(hook, 'ACCEPT'));
  return { name, chains, loaded: false };
}
