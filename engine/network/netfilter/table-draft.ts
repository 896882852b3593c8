// A table being changed by iptables commands: copy-on-write over the current table (a chain is copied the first time
// a command changes it), so a restore that fails part-way leaves the table as it was. Each command checks what the
// kernel checks: chains exist, jumps lead to user chains, deleted chains are empty and unreferenced.

import type { Command } from './command.ts';
import type { Rule } from './rule.ts';
import { BUILTIN_TARGETS } from './targets.ts';
import { Chain } from './table.ts';
import type { Policy, Table } from './table.ts';

const MAX_CHAIN_NAME = 28;
const NAT_TARGETS = new Set(['DNAT', 'SNAT', 'MASQUERADE']);

export class TableDraft {
  readonly chains: Map<string, Chain>;
  private readonly copied = new Set<string>();
  /** How many rules jump to each chain; counted on the first -X. */
  private references: Map<string, number> | undefined;

  constructor(readonly table: Table) {
    this.chains = new Map(table.chains);
  }

  /** The table with the changes. */
  commit(): Table {
    return { name: this.table.name, chains: this.chains, loaded: true };
  }

  /** Runs one command; the error as iptables says it, or undefined. */
  apply(command: Command): string | undefined {
    const { chain: name, rule } = command;
    switch (command.command) {
      case 'N':
        return this.createChain(name!);
      case 'X':
        return name === undefined ? this.deleteAllChains() : this.deleteChain(name);
      case 'F':
        if (name === undefined) for (const chain of this.chains.keys()) this.flush(chain);
        else if (!this.chains.has(name)) return noChain(name);
        else this.flush(name);
        return undefined;
      case 'Z':
        return this.zero(name);
      case 'P':
        return this.setPolicy(name!, command.policy!);
      default:
        return this.applyRule(command, name!, rule!);
    }
  }

  /** `:CHAIN POLICY` of iptables-restore --noflush: a user chain is created or flushed, a built-in gets its policy. */
  declare(name: string, policy: string): string | undefined {
    const chain = this.chains.get(name);
    if (chain?.builtin) {
      if (policy === '-') return `Can't set policy \`-' on \`${name}'`;
      return this.setPolicy(name, policy);
    }
    if (policy !== '-') return `Can't set policy \`${policy}' on \`${name}': Bad built-in chain name`;
    if (chain) this.flush(name);
    else return this.createChain(name);
    return undefined;
  }

  /** Flushes every chain and deletes the user chains (iptables-restore without --noflush). */
  reset(): void {
    for (const [name, chain] of this.chains) {
      if (chain.builtin) this.flush(name);
      else this.chains.delete(name);
    }
    this.references = undefined;
  }

  private applyRule(command: Command, name: string, rule: Rule): string | undefined {
    const chain = this.chains.get(name);
    if (!chain) return noChain(name);
    const target = rule.target;
    if (target?.kind === 'chain') {
      const jumpTo = this.chains.get(target.chain);
      if (!jumpTo || jumpTo.builtin) return `Couldn't load target \`${target.chain}':No such file or directory`;
    }
    if (target && NAT_TARGETS.has(target.kind) && this.table.name !== 'nat') {
      return `${target.kind} target: only valid in nat table, not ${this.table.name}`;
    }
    switch (command.command) {
      case 'C':
        return chain.rules.some((r) => r.spec === rule.spec)
          ? undefined
          : 'Bad rule (does a matching rule exist in that chain?).';
      case 'D': {
        const at = chain.rules.findIndex((r) => r.spec === rule.spec);
        if (at < 0) return 'Bad rule (does a matching rule exist in that chain?).';
        const removed = this.edit(name).rules.splice(at, 1);
        this.unreference(removed);
        return undefined;
      }
      case 'I': {
        const position = (command.position ?? 1) - 1;
        if (position > chain.rules.length) return 'Index of insertion too big.';
        this.edit(name).rules.splice(position, 0, rule);
        break;
      }
      default:
        this.edit(name).rules.push(rule);
    }
    if (target?.kind === 'chain' && this.references) {
      this.references.set(target.chain, (this.references.get(target.chain) ?? 0) + 1);
    }
    return undefined;
  }

  private createChain(name: string): string | undefined {
    if (this.chains.has(name)) return 'Chain already exists.';
    if (name.length > MAX_CHAIN_NAME) return `chain name \`${name}' too long (must be under 29 chars)`;
    if (name === '' || name.startsWith('-') || name.startsWith('!') || BUILTIN_TARGETS.has(name)) {
      return `Invalid chain name \`${name}'`;
    }
    this.chains.set(name, new Chain(name, undefined));
    this.copied.add(name);
    return undefined;
  }

  private deleteChain(name: string): string | undefined {
    const chain = this.chains.get(name);
    if (!chain) return noChain(name);
    if (chain.builtin) return `Can't delete built-in chain \`${name}'`;
    if (chain.rules.length > 0) return `Directory not empty: chain \`${name}' is not empty`;
    if ((this.referenceCounts().get(name) ?? 0) > 0) return `Too many links: chain \`${name}' is referenced`;
    this.chains.delete(name);
    return undefined;
  }

  private deleteAllChains(): string | undefined {
    for (const [name, chain] of this.chains) {
      if (chain.builtin) continue;
      const error = this.deleteChain(name);
      if (error) return error;
    }
    return undefined;
  }

  private setPolicy(name: string, policy: string): string | undefined {
    const chain = this.chains.get(name);
    if (!chain) return noChain(name);
    if (!chain.builtin) return `Can't set policy \`${policy}' on \`${name}': Bad built-in chain name`;
    if (policy !== 'ACCEPT' && policy !== 'DROP') return `Bad policy name \`${policy}'`;
    this.edit(name).policy = policy as Policy;
    return undefined;
  }

  private zero(name: string | undefined): string | undefined {
    if (name !== undefined && !this.chains.has(name)) return noChain(name);
    for (const chainName of name === undefined ? [...this.chains.keys()] : [name]) {
      const chain = this.edit(chainName);
      chain.rules = chain.rules.map((rule) => ({ ...rule, counters: { packets: 0, bytes: 0 } }));
      chain.policyCounters.packets = 0;
      chain.policyCounters.bytes = 0;
    }
    return undefined;
  }

  private flush(name: string): void {
    const chain = this.chains.get(name)!;
    if (chain.rules.length === 0) return;
    this.unreference(chain.rules);
    this.edit(name).rules = [];
  }

  /** The chain, copied once in this draft so the current table stays as it is. */
  private edit(name: string): Chain {
    const chain = this.chains.get(name)!;
    if (this.copied.has(name)) {
      chain.changed();
      return chain;
    }
    const copy = chain.clone();
    this.chains.set(name, copy);
    this.copied.add(name);
    return copy;
  }

  private referenceCounts(): Map<string, number> {
    if (this.references) return this.references;
    const counts = new Map<string, number>();
    for (const chain of this.chains.values()) {
      for (const rule of chain.rules) {
        if (rule.target?.kind === 'chain') counts.set(rule.target.chain, (counts.get(rule.target.chain) ?? 0) + 1);
      }
    }
    this.references = counts;
    return counts;
  }

  private unreference(rules: readonly Rule[]): void {
    if (!this.references) return;
    for (const rule of rules) {
      if (rule.target?.kind === 'chain') {
        this.references.set(rule.target.chain, (this.references.get(rule.target.chain) ?? 1) - 1);
      }
    }
  }
}

function noChain(name: string): string {
  return `No chain/target/match by that name: \`${name}'`;
}
