// `ip route` as iproute2 prints it: `10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1`,
// `10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink`, `default via 172.18.0.1 dev eth0`; `table local` too, and
// `ip route get`.

import { formatIPv4, parseIPv4 } from '../ip.ts';
import type { NetworkNamespace } from '../namespace.ts';
import type { Route } from '../route-table.ts';

/** One route, as one line of `ip route` (or of `ip route show table local`). */
export function formatRoute(route: Route): string {
  const dst =
    route.dst.prefix === 0
      ? 'default'
      : route.dst.prefix === 32
        ? formatIPv4(route.dst.base)
        : `${formatIPv4(route.dst.base)}/${route.dst.prefix}`;
  let line = route.type === 'local' ? `local ${dst}` : dst;
  if (route.via !== undefined) line += ` via ${formatIPv4(route.via)}`;
  line += ` dev ${route.dev.name}`;
  if (route.proto !== 'boot') line += ` proto ${route.proto}`;
  if (route.scope !== 'global') line += ` scope ${route.scope}`;
  if (route.src !== undefined) line += ` src ${formatIPv4(route.src)}`;
  if (route.onlink) line += ' onlink';
  return line;
}

/** `ip route` (the main table), or `ip route show table local`. */
export function renderIpRoute(ns: NetworkNamespace, table: 'main' | 'local' = 'main'): string {
  const routes = (table === 'main' ? ns.routes : ns.localRoutes).list();
  return routes.map((route) => `${formatRoute(route)}\n`).join('');
}

/** `ip route get <dst>`: the route the kernel would pick, with the source address; iproute2's error otherwise. */
export function renderIpRouteGet(ns: NetworkNamespace, dst: string): string {
  const ip = parseIPv4(dst);
  if (ip === undefined) return `Error: any valid prefix is expected rather than "${dst}".\n`;
  const route = ns.route(ip);
  const src = route === undefined ? undefined : ns.sourceAddress(route, ip);
  if (route === undefined || src === undefined) return 'RTNETLINK answers: Network is unreachable\n';
  if (route.type === 'local') return `local ${dst} dev lo table local src ${src} uid 0 \n    cache <local> \n`;
  const via = route.via === undefined ? '' : ` via ${formatIPv4(route.via)}`;
  return `${dst}${via} dev ${route.dev.name} src ${src} uid 0 \n    cache \n`;
}
