// The objects the network-policy agent reads (Pods, Namespaces, networking.k8s.io/v1 NetworkPolicies) as far as it
// reads them, and the options that shape its rules. Field names are Kubernetes' own; fields are optional because
// objects come from JSON.

import type { KubeObject } from '../../api/object.ts';
import type { MetaLabelSelector } from '../../apiserver/selectors/label-selector.ts';

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface Pod extends KubeObject {
  spec?: {
    nodeName?: string;
    hostNetwork?: boolean;
    containers?: { ports?: ContainerPort[] | null }[];
  };
  status?: { phase?: string; podIP?: string };
}

export type Namespace = KubeObject;

export interface IPBlock {
  cidr: string;
  except?: string[] | null;
}

export interface NetworkPolicyPeer {
  podSelector?: MetaLabelSelector | null;
  namespaceSelector?: MetaLabelSelector | null;
  ipBlock?: IPBlock | null;
}

export interface NetworkPolicyPort {
  protocol?: string;
  /** A number, or the name of a container port of the pod the traffic goes to. */
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicyIngressRule {
  from?: NetworkPolicyPeer[] | null;
  ports?: NetworkPolicyPort[] | null;
}

export interface NetworkPolicyEgressRule {
  to?: NetworkPolicyPeer[] | null;
  ports?: NetworkPolicyPort[] | null;
}

export interface NetworkPolicy extends KubeObject {
  spec?: {
    podSelector?: MetaLabelSelector | null;
    policyTypes?: string[] | null;
    ingress?: NetworkPolicyIngressRule[] | null;
    egress?: NetworkPolicyEgressRule[] | null;
  };
}

/** What the agent turns into rules: the node it runs on and the cluster's pods, namespaces and policies. */
export interface NetworkPolicyState {
  nodeName: string;
  pods: readonly Pod[];
  namespaces: readonly Namespace[];
  policies: readonly NetworkPolicy[];
}

/** The agent's configuration as far as it changes the rules. */
export interface NetworkPolicyRuleOptions {
  /**
   * What happens to traffic no policy allows: DROP (the sender times out, as Calico and Cilium do) or REJECT
   * (icmp-port-unreachable, "Connection refused", as kube-router does). Default DROP.
   */
  denyAction?: 'DROP' | 'REJECT';
  /**
   * The service ClusterIP ranges, let through INPUT before the pod firewalls (kube-router's --service-cluster-ip-range):
   * in IPVS mode a pod's packet to a ClusterIP is local until IPVS rewrites it, and egress is judged on the endpoint.
   */
  serviceClusterIPRanges?: string[];
}
