// A two-node cluster network for the enforcement tests: client and web (named port http → 80) on kind-worker, db
// (named port http → 8080) and probe (namespace "blue", labelled team=blue) on kind-worker2, every pod serving TCP
// 80 and 8080. Each node namespace has a NetfilterStack; `enforce` programs every node as its agent would (and, when
// given Services, as its kube-proxy would first), and requests walk the data plane.

import type { VirtualClock } from '../../lab/clock.ts';
import { acceptAll } from '../../network/accept-all-filter.ts';
import { DataPlane } from '../../network/data-plane.ts';
import type { NetworkNamespace } from '../../network/namespace.ts';
import { NetfilterStack } from '../../network/netfilter/netfilter-stack.ts';
import type { TraceHop } from '../../network/packet.ts';
import type { InterNodeMode } from '../../network/topology/inter-node-mode.ts';
import { kindCluster } from '../../network/topology/kind-cluster.ts';
import { seededRandom } from '../../scheduler/seeded-random.ts';
import { IPTABLES_JUMP_RULES } from '../kube-proxy/iptables-chains.ts';
import { iptablesSync } from '../kube-proxy/iptables-rules.ts';
import { buildProxierState } from '../kube-proxy/proxier-state.ts';
import type { EndpointSlice, Service } from '../kube-proxy/types.ts';
import { NETWORK_POLICY_JUMP_RULES } from './chains.ts';
import { IptablesPolicySink } from './iptables-sink.ts';
import { networkPolicySync } from './network-policy-rules.ts';
import { makeNamespace, makePod } from './test-objects.ts';
import type { PodInit } from './test-objects.ts';
import type { NetworkPolicy, NetworkPolicyRuleOptions, Pod } from './types.ts';

export const W1 = 'kind-worker';
export const W2 = 'kind-worker2';
const PODS: Omit<PodInit, 'ip'>[] = [
  { name: 'client', node: W1, labels: { app: 'client' } },
  { name: 'web', node: W1, labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] },
  { name: 'db', node: W2, labels: { app: 'db' }, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
  { namespace: 'blue', name: 'probe', node: W2, labels: { app: 'probe' } },
];
const NAMESPACES = [makeNamespace('default'), makeNamespace('blue', { team: 'blue' })];

export interface Services {
  services: Service[];
  slices: EndpointSlice[];
}

export function enforcementLab(mode: InterNodeMode, clock: VirtualClock) {
  const stacks = new Map<string, NetfilterStack>();
  const network = kindCluster(mode, seededRandom(42), (name) => {
    if (!name.startsWith('node/')) return acceptAll;
    const stack = new NetfilterStack({ clock, random: seededRandom(7) });
    stacks.set(name.slice('node/'.length), stack);
    return stack;
  });
  const pods: Pod[] = [];
  const namespaces = new Map<string, NetworkNamespace>();
  for (const init of PODS) {
    const pod = network.addPod(init.node, { namespace: init.namespace ?? 'default', name: init.name });
    for (const port of [80, 8080]) pod.namespace.listen('tcp', '0.0.0.0', port, () => 'hello', 'echo');
    pods.push(makePod({ ...init, ip: pod.ip }));
    namespaces.set(init.name, pod.namespace);
  }
  const ipOf = (name: string): string => pods.find((pod) => pod.metadata.name === name)?.status?.podIP ?? name;
  const dataPlane = new DataPlane();
  const activeChains = new Map<string, Iterable<string>>();

  return {
    ipOf,
    save: (nodeName: string): string => stacks.get(nodeName)!.iptables.save({ table: 'filter' }),
    /** Programs every node: kube-proxy's rules for the Services first, then the agent's. */
    enforce(policies: NetworkPolicy[], options: NetworkPolicyRuleOptions = {}, services?: Services) {
      for (const [nodeName, stack] of stacks) {
        const sink = new IptablesPolicySink(stack.iptables);
        if (services) {
          const node = { name: nodeName, addresses: [network.node(nodeName)!.ip] };
          const state = buildProxierState(node, services.services, services.slices);
          sink.applyIptables(iptablesSync(state, { mode: 'iptables', clusterCIDR: '10.244.0.0/16' }).restoreText);
          for (const rule of IPTABLES_JUMP_RULES)
            stack.iptables.exec(['-t', rule.table, '-I', rule.chain, ...rule.args]);
        }
        const state = { nodeName, pods, namespaces: NAMESPACES, policies };
        const result = networkPolicySync(state, options, activeChains.get(nodeName));
        sink.applyIptables(result.restoreText);
        sink.ensureJumpRules(NETWORK_POLICY_JUMP_RULES);
        if (sink.lastError) throw new Error(sink.lastError);
        activeChains.set(nodeName, result.activeChains);
      }
    },
    /** "ok", or the error code the sender sees. `from` is a pod or `node/<name>`, `to` a pod or an address. */
    request(from: string, to: string, port = 80, trace?: TraceHop[]): string {
      const source = from.startsWith('node/') ? network.lookup(from)! : namespaces.get(from)!;
      const result = dataPlane.request(source, { protocol: 'tcp', dst: ipOf(to), dstPort: port }, trace);
      return result.ok ? 'ok' : result.code;
    },
  };
}
