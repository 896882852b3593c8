// One service port's share of the iptables restore text, kept from the sync that wrote it: while the service port
// (the same ServicePortInfo, so the same Service object), its endpoints (the same merged list) and the node-wide
// settings the rules depend on stay the same, the next sync appends the very text again instead of writing it. The
// share is kept as one piece of text per part (its lines joined), so a buffer element may hold several lines; the
// lines beyond one per element are counted in `LineCounts`.

import type { EndpointInfo } from './endpoints-map.ts';
import type { NoLocalEndpoints, RuleBuffers, ServiceRuleContext } from './iptables-service-rules.ts';
import { writeServicePortRules } from './iptables-service-rules.ts';
import type { ServicePortInfo } from './service-ports.ts';

/** The lines of the buffers' parts beyond one per element. */
export interface LineCounts {
  filterRules: number;
  natChains: number;
  natRules: number;
}

/** One part of the share: its lines joined, and how many there are. */
interface Piece {
  text: string;
  lines: number;
}

interface WrittenRules {
  endpoints: readonly EndpointInfo[];
  context: string;
  filterChains: Piece;
  filterRules: Piece;
  natChains: Piece;
  natRules: Piece;
  activeNatChains: string[];
  noLocal: NoLocalEndpoints;
}

export type ServiceRulesCache = WeakMap<ServicePortInfo, WrittenRules>;

/** What of the context the rules are written from, besides the service port and its endpoints. */
export function contextKey(ctx: ServiceRuleContext): string {
  const detector = ctx.localDetector;
  return [
    ctx.nodeIP,
    ctx.zone,
    ctx.masqueradeAll,
    detector.implemented,
    detector.ifLocal,
    detector.ifNotLocal,
    ctx.localhostNodePorts,
    ctx.nfacct,
    ctx.largeClusterMode,
  ].join('\u0000');
}

function piece(lines: readonly string[]): Piece {
  return { text: lines.join('\n'), lines: lines.length };
}

function append(part: string[], piece: Piece, extra: LineCounts, name: keyof LineCounts): void {
  if (piece.lines === 0) return;
  part.push(piece.text);
  extra[name] += piece.lines - 1;
}

/** writeServicePortRules, or the lines it wrote last time for the same inputs. */
export function writeCachedServicePortRules(
  out: RuleBuffers,
  extra: LineCounts,
  ctx: ServiceRuleContext,
  context: string,
  info: ServicePortInfo,
  endpoints: EndpointInfo[],
): NoLocalEndpoints {
  const cache = ctx.caches.serviceRules;
  let written = cache.get(info);
  if (!written || written.endpoints !== endpoints || written.context !== context) {
    const buffers: RuleBuffers = {
      filterChains: [],
      filterRules: [],
      natChains: [],
      natRules: [],
      activeNatChains: new Set(),
    };
    const noLocal = writeServicePortRules(buffers, ctx, info, endpoints);
    written = {
      endpoints,
      context,
      filterChains: piece(buffers.filterChains),
      filterRules: piece(buffers.filterRules),
      natChains: piece(buffers.natChains),
      natRules: piece(buffers.natRules),
      activeNatChains: [...buffers.activeNatChains],
      noLocal,
    };
    cache.set(info, written);
  }
  if (written.filterChains.lines > 0) out.filterChains.push(written.filterChains.text);
  append(out.filterRules, written.filterRules, extra, 'filterRules');
  append(out.natChains, written.natChains, extra, 'natChains');
  append(out.natRules, written.natRules, extra, 'natRules');
  for (const chain of written.activeNatChains) out.activeNatChains.add(chain);
  return { ...written.noLocal };
}
