// One service port's share of the iptables restore text, kept from the sync that wrote it: while the service port
// (the same ServicePortInfo, so the same Service object), its endpoints (the same merged list) and the node-wide
// settings the rules depend on stay the same, the next sync appends the very lines again instead of writing them.

import type { EndpointInfo } from './endpoints-map.ts';
import type { NoLocalEndpoints, RuleBuffers, ServiceRuleContext } from './iptables-service-rules.ts';
import { writeServicePortRules } from './iptables-service-rules.ts';
import type { ServicePortInfo } from './service-ports.ts';

interface WrittenRules {
  endpoints: readonly EndpointInfo[];
  context: string;
  out: RuleBuffers;
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

function append(out: RuleBuffers, written: RuleBuffers): void {
  for (const line of written.filterChains) out.filterChains.push(line);
  for (const line of written.filterRules) out.filterRules.push(line);
  for (const line of written.natChains) out.natChains.push(line);
  for (const line of written.natRules) out.natRules.push(line);
  for (const chain of written.activeNatChains) out.activeNatChains.add(chain);
}

/** writeServicePortRules, or the lines it wrote last time for the same inputs. */
export function writeCachedServicePortRules(
  out: RuleBuffers,
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
    written = { endpoints, context, out: buffers, noLocal };
    cache.set(info, written);
  }
  append(out, written.out);
  return { ...written.noLocal };
}
