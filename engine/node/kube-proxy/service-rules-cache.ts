// One service port's share of the iptables restore text, kept from the sync that wrote it: while the service port
// (the same ServicePortInfo, so the same Service object), its endpoints (the same merged list) and the node-wide
// settings the rules depend on stay the same, the next sync appends the very text again instead of writing it. The
// share is kept as one piece of text per part (its lines joined), so a buffer element may hold several lines; the
// lines beyond one per element are counted in `LineCounts`. A partial sync leaves out the service port's own chains
// and their rules unless its Service changed (or its share had to be written anew), counting them all the same.

import type { EndpointInfo } from './endpoints-map.ts';
import type {
  NoLocalEndpoints,
  RuleBuffers,
  ServicePortBuffers,
  ServiceRuleContext,
} from './iptables-service-rules.ts';
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
  filterRules: Piece;
  natChains: Piece;
  natRules: Piece;
  chainRules: Piece;
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

/**
 * writeServicePortRules, or the lines it wrote last time for the same inputs. `changedServices` is undefined for a
 * full sync; in a partial sync it names the Services ("namespace/name") whose chains are written.
 */
export function writeCachedServicePortRules(
  out: RuleBuffers,
  extra: LineCounts,
  ctx: ServiceRuleContext,
  context: string,
  info: ServicePortInfo,
  endpoints: EndpointInfo[],
  changedServices: ReadonlySet<string> | undefined,
): NoLocalEndpoints {
  const cache = ctx.caches.serviceRules;
  let written = cache.get(info);
  let writeChains = changedServices === undefined || changedServices.has(info.serviceName);
  if (!written || written.endpoints !== endpoints || written.context !== context) {
    writeChains = true;
    const buffers: ServicePortBuffers = {
      filterRules: [],
      natChains: [],
      natRules: [],
      chainRules: [],
      activeNatChains: new Set(),
    };
    const noLocal = writeServicePortRules(buffers, ctx, info, endpoints);
    written = {
      endpoints,
      context,
      filterRules: piece(buffers.filterRules),
      natChains: piece(buffers.natChains),
      natRules: piece(buffers.natRules),
      chainRules: piece(buffers.chainRules),
      activeNatChains: [...buffers.activeNatChains],
      noLocal,
    };
    cache.set(info, written);
  }
  append(out.filterRules, written.filterRules, extra, 'filterRules');
  append(out.natRules, written.natRules, extra, 'natRules');
  if (writeChains) {
    append(out.natChains, written.natChains, extra, 'natChains');
    append(out.natRules, written.chainRules, extra, 'natRules');
  } else {
    extra.natChains += written.natChains.lines;
    extra.natRules += written.chainRules.lines;
  }
  for (const chain of written.activeNatChains) out.activeNatChains.add(chain);
  return { ...written.noLocal };
}
