// A measurement, not a test: how long iptables-restore takes for kube-proxy's nat table at 10,000 Services × 5
// endpoints (~100k lines), and what a packet through KUBE-SERVICES costs. Run: npx tsx engine/network/netfilter/measure.ts

import { VirtualClock } from '../../lab/clock.ts';
import { formatIPv4 } from '../ip.ts';
import type { Packet } from '../packet.ts';
import { NetfilterStack } from './netfilter-stack.ts';

const SERVICES = 10_000;
const ENDPOINTS = 5;

function chainName(prefix: string, n: number): string {
  return `${prefix}${n.toString(36).toUpperCase().padStart(16, '0')}`;
}

/** The nat table kube-proxy writes for the services (its line shapes, one port each). */
export function kubeProxyNatTable(services: number, endpoints: number): string {
  const chains: string[] = [':KUBE-SERVICES - [0:0]', ':KUBE-MARK-MASQ - [0:0]'];
  const rules: string[] = ['-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000'];
  for (let s = 0; s < services; s++) {
    const vip = formatIPv4(0x0a600000 + s + 1);
    const svc = chainName('KUBE-SVC-', s);
    chains.push(`:${svc} - [0:0]`);
    rules.push(
      `-A KUBE-SERVICES -d ${vip}/32 -p tcp -m comment --comment "ns/svc-${s}:http cluster IP" -m tcp --dport 80 -j ${svc}`,
      `-A ${svc} ! -s 10.244.0.0/16 -d ${vip}/32 -p tcp -m comment --comment "ns/svc-${s}:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
    );
    for (let e = 0; e < endpoints; e++) {
      const sep = chainName('KUBE-SEP-', s * endpoints + e);
      const ip = formatIPv4(0x0af40000 + s * endpoints + e + 2);
      chains.push(`:${sep} - [0:0]`);
      const left = endpoints - e;
      const statistic = left > 1 ? ` -m statistic --mode random --probability ${(1 / left).toFixed(11)}` : '';
      rules.push(
        `-A ${svc} -m comment --comment "ns/svc-${s}:http -> ${ip}:8080"${statistic} -j ${sep}`,
        `-A ${sep} -s ${ip}/32 -m comment --comment "ns/svc-${s}:http" -j KUBE-MARK-MASQ`,
        `-A ${sep} -p tcp -m comment --comment "ns/svc-${s}:http" -m tcp -j DNAT --to-destination ${ip}:8080`,
      );
    }
  }
  rules.push(
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
  );
  chains.push(':KUBE-NODEPORTS - [0:0]');
  return ['*nat', ...chains, '-A PREROUTING -j KUBE-SERVICES', ...rules, 'COMMIT', ''].join('\n');
}

const clock = new VirtualClock(0, () => 0);
let seed = 1;
const stack = new NetfilterStack({ clock, random: () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646 });
const text = kubeProxyNatTable(SERVICES, ENDPOINTS);
const lines = text.split('\n').length;

let start = performance.now();
const result = stack.iptables.restore(text, { noflush: true });
const restoreMs = performance.now() - start;
if (!result.ok) throw new Error(JSON.stringify(result));

start = performance.now();
const again = stack.iptables.restore(text, { noflush: true });
const secondRestoreMs = performance.now() - start;
if (!again.ok) throw new Error(JSON.stringify(again));

const context = { namespace: 'node/measure', localAddresses: new Set(['172.18.0.3']) };
const PACKETS = 100_000;
start = performance.now();
for (let i = 0; i < PACKETS; i++) {
  const packet: Packet = {
    protocol: 'tcp',
    src: '10.244.1.20',
    srcPort: 1024 + (i % 60000),
    dst: formatIPv4(0x0a600000 + (i % SERVICES) + 1),
    dstPort: 80,
    mark: 0,
    ttl: 64,
  };
  const verdict = stack.run('PREROUTING', packet, context, []);
  if (verdict.verdict !== 'ACCEPT' || verdict.packet.dstPort !== 8080) throw new Error('not DNATed');
}
const packetUs = ((performance.now() - start) / PACKETS) * 1000;

console.log(
  JSON.stringify({
    lines,
    restoreMs: Math.round(restoreMs),
    secondRestoreMs: Math.round(secondRestoreMs),
    newFlowThroughKubeServicesUs: Number(packetUs.toFixed(2)),
  }),
);
