// An index over a chain's rules for the shape kube-proxy writes by the thousand (`-d VIP/32 -p tcp -m tcp --dport
// PORT`): such a rule can only match packets to that address, protocol and port, so a packet needs to look only at
// the rules of its own key and at the rules without one, in rule order — about O(1) for KUBE-SERVICES.

import type { Protocol } from '../packet.ts';
import { PortMatch } from './matches.ts';
import type { Rule } from './rule.ts';

const PROTOCOL_KEY: Record<Protocol, number> = { tcp: 1, udp: 2, icmp: 3 };

/** A number naming (destination, protocol, port); exact in a double (32 + 2 + 16 bits). */
export function indexKey(dst: number, protocol: Protocol, port: number): number {
  return (dst * 4 + PROTOCOL_KEY[protocol]) * 65536 + port;
}

/** The key of the only packets the rule can match, or undefined when it can match others. */
export function ruleKey(rule: Rule): number | undefined {
  const { destination, protocol } = rule;
  if (!destination || destination.invert || destination.cidr.prefix !== 32) return undefined;
  if (!protocol || protocol.invert) return undefined;
  for (const match of rule.matches) {
    if (match instanceof PortMatch && match.dport && !match.dport.invert && match.dport.first === match.dport.last) {
      return indexKey(destination.cidr.base, protocol.protocol, match.dport.first);
    }
  }
  return undefined;
}

export class ChainIndex {
  /** Positions of the rules without a key, ascending. */
  private readonly unkeyed: number[] = [];
  private readonly keyed = new Map<number, number[]>();
  /** A key's rules merged with the unkeyed ones, made on first use. */
  private readonly merged = new Map<number, readonly number[]>();

  constructor(rules: readonly Rule[]) {
    rules.forEach((rule, position) => {
      const key = ruleKey(rule);
      if (key === undefined) {
        this.unkeyed.push(position);
        return;
      }
      const list = this.keyed.get(key);
      if (list) list.push(position);
      else this.keyed.set(key, [position]);
    });
  }

  /** The positions, ascending, of the rules a packet with `key` may match. */
  candidates(key: number | undefined): readonly number[] {
    const own = key === undefined ? undefined : this.keyed.get(key);
    if (key === undefined || !own) return this.unkeyed;
    if (this.unkeyed.length === 0) return own;
    let merged = this.merged.get(key);
    if (merged === undefined) this.merged.set(key, (merged = this.merge(own)));
    return merged;
  }

  private merge(own: readonly number[]): number[] {
    const merged: number[] = [];
    let a = 0;
    let b = 0;
    while (a < this.unkeyed.length || b < own.length) {
      if (b >= own.length || (a < this.unkeyed.length && this.unkeyed[a]! < own[b]!)) merged.push(this.unkeyed[a++]!);
      else merged.push(own[b++]!);
    }
    return merged;
  }
}
