// What each NetworkPolicy means over the cluster as it is: the pods it selects (its targets) and, per direction it
// applies to, its rules with their peers resolved to pods or CIDRs and their ports split into numbers and names.
// Only pods a policy can speak of count: with an IP, not hostNetwork, not finished (kube-router's
// isNetPolActionable). Nothing here knows which node it runs on.

import { formatCidr, parseCidr, parseIPv4 } from '../../network/ip.ts';
import { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { MetaLabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type {
  ContainerPort,
  Namespace,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyState,
  Pod,
} from './types.ts';

export type Direction = 'ingress' | 'egress';

/** A pod a policy can select or name as a peer. */
export interface PolicyPod {
  namespace: string;
  name: string;
  ip: string;
  nodeName: string | undefined;
  labels: Readonly<Record<string, string>>;
  ports: readonly ContainerPort[];
}

export type ResolvedPeer =
  { kind: 'any' } | { kind: 'pods'; pods: PolicyPod[] } | { kind: 'cidr'; cidr: string; except: string[] };

export type PortProtocol = 'tcp' | 'udp';

/** A numeric port (or range, `80:90`); no dport means every port of the protocol. */
export interface NumericPort {
  protocol: PortProtocol;
  dport?: string;
}

export interface NamedPort {
  protocol: PortProtocol;
  name: string;
}

export interface ResolvedRule {
  peers: ResolvedPeer[];
  /** 'all' when the rule lists no ports. SCTP ports are left out: the data plane carries no SCTP. */
  ports: 'all' | { numeric: NumericPort[]; named: NamedPort[] };
}

export interface ResolvedPolicy {
  namespace: string;
  name: string;
  targets: PolicyPod[];
  /** Undefined when the policy does not apply to the direction (policyTypes). */
  ingress: ResolvedRule[] | undefined;
  egress: ResolvedRule[] | undefined;
}

/** The CIDR as iptables-save prints it (host bits cleared), or undefined when it is not IPv4. */
function ipv4Cidr(text: string): string | undefined {
  const cidr = parseCidr(text);
  return cidr && formatCidr(cidr);
}

const FINISHED_PHASES = new Set(['Succeeded', 'Failed', 'Completed']);
const METADATA_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The pods policies can speak of, sorted by namespace and name so the rules come out in a stable order. */
export function actionablePods(pods: readonly Pod[]): PolicyPod[] {
  const out: PolicyPod[] = [];
  for (const pod of pods) {
    const ip = pod.status?.podIP;
    if (!ip || parseIPv4(ip) === undefined || pod.spec?.hostNetwork || FINISHED_PHASES.has(pod.status?.phase ?? ''))
      continue;
    out.push({
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      ip,
      nodeName: pod.spec?.nodeName,
      labels: pod.metadata.labels ?? {},
      ports: (pod.spec?.containers ?? []).flatMap((container) => container.ports ?? []),
    });
  }
  return out.sort(byNamespaceAndName);
}

function byNamespaceAndName(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  const [x, y] = [`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A selector the API server accepted; one it could not parse selects nothing rather than failing the sync. */
function selector(meta: MetaLabelSelector): LabelSelector {
  try {
    return LabelSelector.fromLabelSelector(meta);
  } catch {
    return LabelSelector.nothing();
  }
}

function protocolOf(text: string | undefined): PortProtocol | undefined {
  const protocol = (text ?? 'TCP').toLowerCase();
  return protocol === 'tcp' || protocol === 'udp' ? protocol : undefined;
}

function resolvePorts(ports: readonly NetworkPolicyPort[] | null | undefined): ResolvedRule['ports'] {
  if (!ports || ports.length === 0) return 'all';
  const numeric: NumericPort[] = [];
  const named: NamedPort[] = [];
  for (const port of ports) {
    const protocol = protocolOf(port.protocol);
    if (!protocol) continue;
    if (port.port === undefined) numeric.push({ protocol });
    else if (typeof port.port === 'string') named.push({ protocol, name: port.port });
    else if (port.endPort !== undefined && port.endPort > port.port)
      numeric.push({ protocol, dport: `${port.port}:${port.endPort}` });
    else numeric.push({ protocol, dport: `${port.port}` });
  }
  return { numeric, named };
}

/** The container port of a pod with that name and protocol, as a number. */
export function namedPortOf(pod: PolicyPod, port: NamedPort): number | undefined {
  return pod.ports.find((p) => p.name === port.name && protocolOf(p.protocol) === port.protocol)?.containerPort;
}

class Cluster {
  private readonly namespaceLabels = new Map<string, Readonly<Record<string, string>>>();

  constructor(
    readonly pods: readonly PolicyPod[],
    namespaces: readonly Namespace[],
  ) {
    for (const ns of namespaces) this.namespaceLabels.set(ns.metadata.name ?? '', ns.metadata.labels ?? {});
  }

  private labelsOfNamespace(name: string): Readonly<Record<string, string>> {
    return this.namespaceLabels.get(name) ?? { [METADATA_NAME_LABEL]: name };
  }

  podsIn(namespace: string, podSelector: MetaLabelSelector): PolicyPod[] {
    const pods = selector(podSelector);
    return this.pods.filter((pod) => pod.namespace === namespace && pods.matches(pod.labels));
  }

  /** A peer: an ipBlock, or pods by podSelector (in the policy's namespace) and/or namespaceSelector. */
  peer(namespace: string, peer: NetworkPolicyPeer): ResolvedPeer {
    if (peer.ipBlock) {
      // An IPv6 block matches no IPv4 traffic: it allows nothing, and an IPv6 exception takes nothing away.
      const cidr = ipv4Cidr(peer.ipBlock.cidr);
      if (cidr === undefined) return { kind: 'pods', pods: [] };
      const except = (peer.ipBlock.except ?? []).map(ipv4Cidr).filter((text) => text !== undefined);
      return { kind: 'cidr', cidr, except };
    }
    if (!peer.namespaceSelector) return { kind: 'pods', pods: this.podsIn(namespace, peer.podSelector ?? {}) };
    const namespaces = selector(peer.namespaceSelector);
    const pods = selector(peer.podSelector ?? {});
    return {
      kind: 'pods',
      pods: this.pods.filter(
        (pod) => namespaces.matches(this.labelsOfNamespace(pod.namespace)) && pods.matches(pod.labels),
      ),
    };
  }
}

function policyTypes(policy: NetworkPolicy): Set<string> {
  const spec = policy.spec ?? {};
  if (spec.policyTypes && spec.policyTypes.length > 0) return new Set(spec.policyTypes);
  return new Set(spec.egress && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']);
}

/** Every policy, sorted by namespace and name, with its targets and rules resolved against the pods and namespaces. */
export function resolvePolicies(state: NetworkPolicyState, pods: readonly PolicyPod[]): ResolvedPolicy[] {
  const cluster = new Cluster(pods, state.namespaces);
  const resolved = state.policies.map((policy): ResolvedPolicy => {
    const namespace = policy.metadata.namespace ?? '';
    const spec = policy.spec ?? {};
    const types = policyTypes(policy);
    const rules = (list: { peers?: NetworkPolicyPeer[] | null; ports?: NetworkPolicyPort[] | null }[]) =>
      list.map((rule): ResolvedRule => ({
        peers:
          rule.peers && rule.peers.length > 0
            ? rule.peers.map((peer) => cluster.peer(namespace, peer))
            : [{ kind: 'any' }],
        ports: resolvePorts(rule.ports),
      }));
    return {
      namespace,
      name: policy.metadata.name ?? '',
      targets: cluster.podsIn(namespace, spec.podSelector ?? {}),
      ingress: types.has('Ingress')
        ? rules((spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })))
        : undefined,
      egress: types.has('Egress')
        ? rules((spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports })))
        : undefined,
    };
  });
  return resolved.sort(byNamespaceAndName);
}
