// The firewall of one local pod that a policy selects, as kube-router's syncPodFirewallChains writes it: the jumps
// that send the pod's traffic into KUBE-POD-FW-<hash> (FORWARD for routed and bridged traffic both ways, OUTPUT for
// the node's own traffic to the pod, INPUT for the pod's traffic to the node), and the chain: stateful accept, the
// node's own traffic to the pod accepted (kubelet probes), per direction the policies that isolate the pod (or
// KUBE-NWPLCY-DEFAULT when none does), then the verdict on unmarked traffic and the mark cleared for the next pod.

import {
  ALLOWED_MARK,
  CLEAR_ALLOWED_MARK,
  KUBE_NWPLCY_COMMON,
  KUBE_NWPLCY_DEFAULT,
  KUBE_ROUTER_FORWARD,
  KUBE_ROUTER_INPUT,
  KUBE_ROUTER_OUTPUT,
  podFirewallChainName,
} from './chains.ts';
import type { PolicyPod } from './policy-selection.ts';
import { comment, ruleArgs } from './rule-writer.ts';
import type { RuleWriter } from './rule-writer.ts';

/** The policy chains a pod's traffic runs through, per direction, each with the policy's `namespace/name`. */
export interface PodPolicies {
  ingress: { id: string; chain: string }[];
  egress: { id: string; chain: string }[];
}

export function writePodFirewall(
  out: RuleWriter,
  pod: PolicyPod,
  policies: PodPolicies,
  denyAction: 'DROP' | 'REJECT',
): void {
  const chain = podFirewallChainName(pod.namespace, pod.name);
  const id = `${pod.namespace}/${pod.name}`;
  const ip = pod.ip;
  out.declare(chain);

  out.add(KUBE_ROUTER_FORWARD, ruleArgs({ dst: ip }, `${id} in`, `-j ${chain}`));
  out.add(KUBE_ROUTER_OUTPUT, ruleArgs({ dst: ip }, `${id} in`, `-j ${chain}`));
  out.add(KUBE_ROUTER_FORWARD, ruleArgs({ src: ip }, `${id} out`, `-j ${chain}`));
  out.add(KUBE_ROUTER_INPUT, ruleArgs({ src: ip }, `${id} out`, `-j ${chain}`));

  out.add(chain, `${comment('common netpol rules')} -j ${KUBE_NWPLCY_COMMON}`);
  out.add(chain, ruleArgs({ dst: ip }, 'from local node', '-m addrtype --src-type LOCAL -j ACCEPT'));
  const directions = [
    ['ingress', 'dst', policies.ingress],
    ['egress', 'src', policies.egress],
  ] as const;
  for (const [direction, field, list] of directions) {
    if (list.length === 0)
      out.add(chain, ruleArgs({ [field]: ip }, `default ${direction}`, `-j ${KUBE_NWPLCY_DEFAULT}`));
    for (const policy of list)
      out.add(chain, ruleArgs({ [field]: ip }, `${policy.id} ${direction}`, `-j ${policy.chain}`));
  }
  out.add(chain, `${comment(`${id} ${denyAction.toLowerCase()}`)} -m mark ! --mark ${ALLOWED_MARK} -j ${denyAction}`);
  out.add(chain, `-j MARK --set-xmark ${CLEAR_ALLOWED_MARK}`);
}
