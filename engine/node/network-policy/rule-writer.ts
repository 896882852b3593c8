// Collects one sync's filter-table text: the chains it declares (each once, in the order first declared) and the
// rules, where a rule written twice to a chain is kept once (two peers can name the same pod).

import { quoteArgument } from '../../network/netfilter/arguments.ts';

/** What an allow rule matches besides its comment; every field left out matches anything. */
export interface RuleMatch {
  src?: string;
  dst?: string;
  protocol?: 'tcp' | 'udp';
  dport?: string;
}

export class RuleWriter {
  readonly chains = new Set<string>();
  readonly rules: string[] = [];
  private readonly written = new Set<string>();

  declare(chain: string): void {
    this.chains.add(chain);
  }

  /** `-A chain <args>`, unless the chain already has exactly that rule. */
  add(chain: string, args: string): void {
    const rule = `-A ${chain} ${args}`;
    if (this.written.has(rule)) return;
    this.written.add(rule);
    this.rules.push(rule);
  }
}

/** iptables refuses a comment of 256 characters or more. */
const MAX_COMMENT = 255;

export function comment(text: string): string {
  return `-m comment --comment ${quoteArgument(text.slice(0, MAX_COMMENT))}`;
}

/** An address as iptables-save prints it: a single address as a /32. */
function address(text: string): string {
  return text.includes('/') ? text : `${text}/32`;
}

/** A rule's arguments in the order iptables-save prints them: addresses, protocol, comment, port, target. */
export function ruleArgs(match: RuleMatch, text: string, target: string): string {
  const parts: string[] = [];
  if (match.src) parts.push(`-s ${address(match.src)}`);
  if (match.dst) parts.push(`-d ${address(match.dst)}`);
  if (match.protocol) parts.push(`-p ${match.protocol}`);
  parts.push(comment(text));
  if (match.protocol && match.dport) parts.push(`-m ${match.protocol} --dport ${match.dport}`);
  parts.push(target);
  return parts.join(' ');
}
