// `ip neigh` as iproute2 prints it: `10.244.1.5 dev cni0 lladdr 2a:… REACHABLE`, `10.244.1.9 dev cni0 FAILED`.

import { formatIPv4 } from '../ip.ts';
import type { NetworkNamespace } from '../namespace.ts';
import { devicesByIndex } from './ip-link.ts';

export function renderIpNeigh(ns: NetworkNamespace): string {
  const lines: string[] = [];
  for (const dev of devicesByIndex(ns)) {
    const entries = [...dev.neighbours].sort(([a], [b]) => a - b);
    for (const [ip, entry] of entries) {
      const lladdr = entry.mac === undefined ? '' : ` lladdr ${entry.mac}`;
      lines.push(`${formatIPv4(ip)} dev ${dev.name}${lladdr} ${entry.state}\n`);
    }
  }
  return lines.join('');
}
