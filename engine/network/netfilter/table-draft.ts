// A table being changed by iptables commands: copy-on-write over the current table (a chain is copied the first time
// a command changes it), so a restore that fails part-way leaves the table as it was. Each command checks what the
// kernel checks: chains exist, jumps lead to user chains, deleted chains are empty and unreferenced. Rules given to
// it are copied (restores share parsed rules); a chain flushed by `:CHAIN` and appended the very rules it had, with
// no packets counted, keeps its rule objects, and its chain object when nothing changed — as kube-proxy's full syncs
// rewrite every chain of every Service.

import type { Command } from './command.ts';
import type { Rule } from './rule.ts';
import { BUILTIN_TARGETS } from './targets.ts';
import { Chain } from './table.ts';
import type { Policy, Table } from './table.ts';

const MAX_CHAIN_NAME = 28;
const NAT_TARGETS = new Set(['DNAT', 'SNAT', 'MASQUERADE']);

/** A chain flushed by `:CHAIN` whose new rules are so far its first `matched` old ones: not copied yet. */
interface Refill {
  original: Chain;
  matched: number;
}

/** Whether appending `rule` to a chain being refilled repeats its next old rule (kept as it is). */
function repeated(refill: Refill, rule: Rule): boolean {
  const old = refill.original.rules[refill.matched];
  if (!old || old.spec !== rule.spec || !uncounted(old) || !uncounted(rule)) return false;
  refill.matched++;
  return true;
}

function uncounted(rule: Rule): boolean {
  return rule.counters.packets === 0 && rule.counters.bytes === 0;
}

/** The rule as a chain holds it: its own object and counters. */
function copyRule(rule: Rule): Rule {
  return { ...rule, counters: { packets: rule.counters.packets, bytes: rule.counters.bytes } };
}

export class TableDraft {
  readonly chains: Map<string, Chain>;
  private readonly copied = new Set<string>();
  private readonly refills = new Map<string, Refill>();
  /** The chain the last rule was appended to and its refill (rules of a chain mostly come together). */
  private lastName: string | undefined;
  private lastRefill: Refill | undefined;
  /** How many rules jump to each chain; counted on the first -X. */
  private references: Map<string, number> | undefined;

  constructor(readonly table: Table) {
    this.chains = new Map(table.chains);
  }

  /** The table with the changes. */
  commit(): Table {
    this.settleAll();
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
    if (!chain) return this.createChain(name);
    if (this.copied.has(name) || chain.rules.length === 0) {
      this.flush(name);
      return undefined;
    }
    const refill = this.refills.get(name);
    if (refill) this.reference(refill.original.rules.slice(0, refill.matched), -1);
    else this.reference(chain.rules, -1);
    this.refills.set(name, { original: chain, matched: 0 });
    this.lastName = undefined;
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
    const refill = command.command === 'A' ? this.refillOf(name) : undefined;
    if (command.command !== 'A') this.settle(name);
    const chain = refill?.original ?? this.chains.get(name);
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
        this.reference(removed, -1);
        return undefined;
      }
      case 'I': {
        const position = (command.position ?? 1) - 1;
        if (position > chain.rules.length) return 'Index of insertion too big.';
        this.edit(name).rules.splice(position, 0, copyRule(rule));
        break;
      }
      default:
        if (!(refill && repeated(refill, rule))) this.edit(name).rules.push(copyRule(rule));
    }
    this.referenceRule(rule, 1);
    return undefined;
  }

  private refillOf(name: string): Refill | undefined {
    if (name !== this.lastName) {
      this.lastName = name;
      this.lastRefill = this.refills.get(name);
    }
    return this.lastRefill;
  }

  /** A chain being refilled becomes its old rules so far: the old chain when that is all of them, else a copy. */
  private settle(name: string): void {
    const refill = this.refills.get(name);
    if (!refill) return;
    this.lastName = undefined;
    this.refills.delete(name);
    const { original, matched } = refill;
    if (matched === original.rules.length) return;
    const copy = original.clone();
    copy.rules.length = matched;
    this.chains.set(name, copy);
    this.copied.add(name);
  }

  private settleAll(): void {
    for (const name of [...this.refills.keys()]) this.settle(name);
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
    this.settle(name);
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
    this.settleAll();
    for (const chainName of name === undefined ? [...this.chains.keys()] : [name]) {
      const chain = this.edit(chainName);
      chain.rules = chain.rules.map((rule) => ({ ...rule, counters: { packets: 0, bytes: 0 } }));
      chain.policyCounters.packets = 0;
      chain.policyCounters.bytes = 0;
    }
    return undefined;
  }

  private flush(name: string): void {
    this.settle(name);
    const chain = this.chains.get(name)!;
    if (chain.rules.length === 0) return;
    this.reference(chain.rules, -1);
    this.edit(name).rules = [];
  }

  /** The chain, copied once in this draft so the current table stays as it is. */
  private edit(name: string): Chain {
    this.settle(name);
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
    this.settleAll();
    const counts = new Map<string, number>();
    for (const chain of this.chains.values()) {
      for (const rule of chain.rules) {
        if (rule.target?.kind === 'chain') counts.set(rule.target.chain, (counts.get(rule.target.chain) ?? 0) + 1);
      }
    }
    this.references = counts;
    return counts;
  }

  /** Counts the rules' jumps in (+1) or out (-1), once the counts are kept. */
  private reference(rules: readonly Rule[], by: 1 | -1): void {
    if (this.references) for (const rule of rules) this.referenceRule(rule, by);
  }

  private referenceRule(rule: Rule, by: 1 | -1): void {
    const references = this.references;
    if (references && rule.target?.kind === 'chain') {
      references.set(rule.target.chain, (references.get(rule.target.chain) ?? (by > 0 ? 0 : 1)) + by);
    }
  }
}

function noChain(name: string): string {
  return `No chain/target/match by that name: \`${name}'`;
}
