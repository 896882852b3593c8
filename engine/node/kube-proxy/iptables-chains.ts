// The fixed chains of kube-proxy's iptables mode, the restore-text line that declares a chain, and the jump rules
// into them that kube-proxy (and, for KUBE-FIREWALL, kubelet) ensures with `iptables -I` outside iptables-restore.

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_FIREWALL = 'KUBE-FIREWALL';

/** `:CHAIN - [0:0]`, utiliptables.MakeChainLine. */
export function chainLine(chain: string): string {
  return `:${chain} - [0:0]`;
}

/** A rule kube-proxy inserts at the top of a built-in chain (EnsureRule(Prepend, …)). */
export interface JumpRule {
  table: 'filter' | 'nat';
  /** The built-in chain: INPUT, FORWARD, OUTPUT, PREROUTING, POSTROUTING. */
  chain: string;
  /** The arguments after `-I <chain>`, as iptables receives them (a comment is one argument). */
  args: string[];
}

function jump(
  table: JumpRule['table'],
  chain: string,
  target: string,
  comment: string,
  extra: string[] = [],
): JumpRule {
  const args = [...extra];
  if (comment) args.push('-m', 'comment', '--comment', comment);
  args.push('-j', target);
  return { table, chain, args };
}

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];

/** iptablesJumpChains then iptablesKubeletJumpChains, in the order kube-proxy ensures them on a full sync. */
export const IPTABLES_JUMP_RULES: readonly JumpRule[] = [
  jump('filter', 'INPUT', KUBE_EXTERNAL_SERVICES, 'kubernetes externally-visible service portals', NEW),
  jump('filter', 'FORWARD', KUBE_EXTERNAL_SERVICES, 'kubernetes externally-visible service portals', NEW),
  jump('filter', 'INPUT', KUBE_NODEPORTS, 'kubernetes health check service ports'),
  jump('filter', 'FORWARD', KUBE_SERVICES, 'kubernetes service portals', NEW),
  jump('filter', 'OUTPUT', KUBE_SERVICES, 'kubernetes service portals', NEW),
  jump('filter', 'FORWARD', KUBE_FORWARD, 'kubernetes forwarding rules'),
  jump('filter', 'INPUT', KUBE_PROXY_FIREWALL, 'kubernetes load balancer firewall', NEW),
  jump('filter', 'OUTPUT', KUBE_PROXY_FIREWALL, 'kubernetes load balancer firewall', NEW),
  jump('filter', 'FORWARD', KUBE_PROXY_FIREWALL, 'kubernetes load balancer firewall', NEW),
  jump('nat', 'OUTPUT', KUBE_SERVICES, 'kubernetes service portals'),
  jump('nat', 'PREROUTING', KUBE_SERVICES, 'kubernetes service portals'),
  jump('nat', 'POSTROUTING', KUBE_POSTROUTING, 'kubernetes postrouting rules'),
  jump('filter', 'INPUT', KUBE_FIREWALL, ''),
  jump('filter', 'OUTPUT', KUBE_FIREWALL, ''),
];
