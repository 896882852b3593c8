// Evaluating one table at one hook: from the built-in chain through jumps, gotos and returns, rule by rule in order
// (looking only at the candidates the chain index gives), counting every rule that matches and tracing it, until a
// verdict, a NAT target, or the policy (traced when the chain has rules or drops).

import type { Packet, TraceHop } from '../packet.ts';
import { UNTRACED } from '../packet.ts';
import { indexKey } from './chain-index.ts';
import type { Hook } from './packet-filter.ts';
import type { MatchEnv, Rule } from './rule.ts';
import type { Chain, Table } from './table.ts';
import type { Target } from './targets.ts';
import { targetName } from './targets.ts';

export type TableOutcome =
  | { verdict: 'ACCEPT' }
  | { verdict: 'DROP' | 'REJECT'; reason: string }
  /** A NAT target matched: the connection gets that binding. */
  | { verdict: 'NAT'; target: Extract<Target, { kind: 'DNAT' | 'SNAT' | 'MASQUERADE' }>; rule: string };

/** The outcome of a table that let the packet go on (shared: outcomes are not changed). */
export const ACCEPTED: TableOutcome = Object.freeze({ verdict: 'ACCEPT' });

/** The bytes a packet counts for: its IPv4 and transport headers, and a text payload's length. */
export function packetBytes(packet: Packet): number {
  const headers = packet.protocol === 'tcp' ? 40 : 28;
  return headers + (typeof packet.payload === 'string' ? packet.payload.length : 0);
}

/** Chains nest at most this deep, as the kernel's jump stack. */
const MAX_DEPTH = 64;

function interfaceMatches(field: { name: string; invert: boolean }, device: string | undefined): boolean {
  const name = field.name;
  const hit = device !== undefined && (name.endsWith('+') ? device.startsWith(name.slice(0, -1)) : device === name);
  return hit !== field.invert;
}

export function ruleMatches(rule: Rule, env: MatchEnv): boolean {
  const { source, destination, protocol } = rule;
  if (source && ((env.src & mask(source.cidr.prefix)) >>> 0 === source.cidr.base) === source.invert) return false;
  if (
    destination &&
    ((env.dst & mask(destination.cidr.prefix)) >>> 0 === destination.cidr.base) === destination.invert
  ) {
    return false;
  }
  if (protocol && (env.packet.protocol === protocol.protocol) === protocol.invert) return false;
  if (rule.inInterface && !interfaceMatches(rule.inInterface, env.context.inInterface)) return false;
  if (rule.outInterface && !interfaceMatches(rule.outInterface, env.context.outInterface)) return false;
  for (const match of rule.matches) if (!match.test(env)) return false;
  return true;
}

/** The rule as iptables-save prints it in its chain. */
function ruleText(chain: Chain, rule: Rule): string {
  return `-A ${chain.name}${rule.spec}`;
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

interface Frame {
  chain: Chain;
  candidates: readonly number[] | undefined;
  next: number;
}

function enter(chain: Chain, key: number | undefined): Frame {
  return { chain, candidates: chain.candidates(key), next: 0 };
}

export function evaluateTable(table: Table, hook: Hook, env: MatchEnv, trace: TraceHop[]): TableOutcome {
  const builtin = table.chains.get(hook);
  if (!builtin) return ACCEPTED;
  const { packet } = env;
  const bytes = packetBytes(packet);
  if (builtin.rules.length === 0 && builtin.policy === 'ACCEPT') {
    builtin.policyCounters.packets++;
    builtin.policyCounters.bytes += bytes;
    return ACCEPTED;
  }
  const key = packet.protocol === 'icmp' ? undefined : indexKey(env.dst, packet.protocol, packet.dstPort);
  const stack: Frame[] = [];
  let frame = enter(builtin, key);

  for (;;) {
    const position = frame.candidates ? frame.candidates[frame.next] : frame.next;
    frame.next++;
    const rule = position === undefined ? undefined : frame.chain.rules[position];
    if (!rule) {
      const caller = stack.pop();
      if (caller) {
        frame = caller;
        continue;
      }
      return policy(table, builtin, hook, env, trace, bytes);
    }
    if (!ruleMatches(rule, env)) continue;
    rule.counters.packets++;
    rule.counters.bytes += bytes;
    const target = rule.target;
    if (trace !== UNTRACED) {
      trace.push({
        kind: 'netfilter',
        namespace: env.context.namespace,
        summary: `${table.name}/${frame.chain.name}: ${target ? targetName(target) : 'matched (no target)'}`,
        hook,
        table: table.name,
        chain: frame.chain.name,
        rule: ruleText(frame.chain, rule),
        target: target ? targetName(target) : '',
      });
    }
    if (!target) continue;
    switch (target.kind) {
      case 'ACCEPT':
        return ACCEPTED;
      case 'DROP':
        return {
          verdict: 'DROP',
          reason: `dropped by ${table.name}/${frame.chain.name}: ${ruleText(frame.chain, rule)}`,
        };
      case 'REJECT':
        return {
          verdict: 'REJECT',
          reason: `rejected with ${target.rejectWith} by ${table.name}/${frame.chain.name}: ${ruleText(frame.chain, rule)}`,
        };
      case 'RETURN': {
        const caller = stack.pop();
        if (!caller) return policy(table, builtin, hook, env, trace, bytes);
        frame = caller;
        continue;
      }
      case 'chain': {
        const chain = table.chains.get(target.chain);
        if (!chain) continue;
        if (!target.goto) stack.push(frame);
        if (stack.length >= MAX_DEPTH) return { verdict: 'DROP', reason: `chains nest deeper than ${MAX_DEPTH}` };
        frame = enter(chain, key);
        continue;
      }
      case 'MARK':
        packet.mark = ((packet.mark & ~target.mask) ^ target.value) >>> 0;
        continue;
      case 'LOG':
        continue;
      default:
        return { verdict: 'NAT', target, rule: ruleText(frame.chain, rule) };
    }
  }
}

function policy(table: Table, chain: Chain, hook: Hook, env: MatchEnv, trace: TraceHop[], bytes: number): TableOutcome {
  chain.policyCounters.packets++;
  chain.policyCounters.bytes += bytes;
  if (trace !== UNTRACED) {
    trace.push({
      kind: 'netfilter',
      namespace: env.context.namespace,
      summary: `${table.name}/${chain.name}: no rule decided, policy ${chain.policy}`,
      hook,
      table: table.name,
      chain: chain.name,
      rule: `-P ${chain.name} ${chain.policy}`,
      target: chain.policy!,
    });
  }
  if (chain.policy === 'DROP') {
    return { verdict: 'DROP', reason: `dropped by the policy of ${table.name}/${chain.name}` };
  }
  return ACCEPTED;
}
