// Our descriptions of Services, Ingresses and NetworkPolicies.

import type { DescriptionTable } from './definition-descriptions.ts';

const CORE = 'io.k8s.api.core.v1';
const NET = 'io.k8s.api.networking.v1';

export const NETWORKING_DESCRIPTIONS: DescriptionTable = {
  [`${CORE}.Service`]: {
    fields: {
      spec: 'Which Pods the Service sends traffic to, on which ports, and how it is exposed.',
      status: 'The load balancer assigned to the Service, if it is of type LoadBalancer.',
    },
  },
  [`${CORE}.ServiceSpec`]: {
    description: 'How a Service is reached and where it sends traffic.',
    fields: {
      type:
        'How the Service is exposed. ClusterIP (the default): a virtual IP reachable inside the cluster. ' +
        'NodePort: also a port on every node. LoadBalancer: also an external load balancer. ExternalName: only a ' +
        'DNS alias (CNAME) for externalName.',
      selector:
        'Labels of the Pods that receive the traffic, like app: web. Ready Pods with all these labels become the ' +
        "Service's endpoints. Without a selector, you manage the endpoints yourself.",
      ports: 'The ports the Service listens on, and where each forwards to.',
      clusterIP:
        'The virtual IP address of the Service, allocated by the API server. "None" makes a headless Service: no ' +
        'virtual IP, and DNS returns the Pod addresses directly. Cannot be changed after creation.',
      clusterIPs: 'The virtual IP addresses of the Service, one per IP family; the first equals clusterIP.',
      sessionAffinity:
        'ClientIP sends all connections from one client IP address to the same Pod; None (the default) spreads ' +
        'them.',
      sessionAffinityConfig: 'Settings of session affinity, such as how long it lasts.',
      externalName: 'For type ExternalName: the DNS name the Service is an alias for.',
      externalTrafficPolicy:
        'For NodePort and LoadBalancer traffic from outside: Cluster (any node forwards to any Pod) or Local ' +
        "(only to Pods on the receiving node, keeping the client's source IP).",
      internalTrafficPolicy: 'Cluster (any Pod) or Local (only Pods on the same node) for traffic from inside.',
      externalIPs: 'Extra IP addresses, routed to the nodes by you, on which the Service is reachable.',
      loadBalancerIP: 'Deprecated: a requested IP for the load balancer.',
      loadBalancerSourceRanges: 'Client address ranges allowed through the load balancer.',
      loadBalancerClass: 'Which load balancer implementation serves the Service.',
      publishNotReadyAddresses: 'Include Pods that are not ready in the endpoints and DNS.',
      ipFamilies: 'The IP families of the Service: IPv4, IPv6 or both.',
      ipFamilyPolicy: 'SingleStack, PreferDualStack or RequireDualStack.',
      healthCheckNodePort: 'For externalTrafficPolicy Local: the node port the load balancer checks health on.',
      allocateLoadBalancerNodePorts: 'Whether a LoadBalancer Service also gets node ports.',
      trafficDistribution: 'A preference for how traffic is spread, such as PreferClose.',
    },
  },
  [`${CORE}.ServicePort`]: {
    description: 'One port of a Service.',
    fields: {
      name: 'A name for the port; required when there are several ports.',
      protocol: 'TCP, UDP or SCTP. Defaults to TCP.',
      port: 'The port the Service listens on, on its cluster IP.',
      targetPort:
        'The port on the Pods that traffic goes to, as a number or as the name of a container port. Defaults to ' +
        'port.',
      nodePort:
        'For NodePort and LoadBalancer Services: the port opened on every node, from 30000 to 32767 by default. ' +
        'Allocated automatically when not set.',
      appProtocol: 'The application protocol, such as http or kubernetes.io/h2c, as a hint to implementations.',
    },
  },
  [`${CORE}.SessionAffinityConfig`]: {
    description: 'Settings of session affinity.',
    fields: { clientIP: 'Settings of ClientIP affinity.' },
  },
  [`${CORE}.ClientIPConfig`]: {
    description: 'Settings of ClientIP session affinity.',
    fields: { timeoutSeconds: 'How long a client sticks to its Pod. Defaults to 10800 (3 hours).' },
  },
  [`${CORE}.ServiceStatus`]: {
    description: 'The observed state of a Service.',
    fields: {
      loadBalancer: 'The external addresses of the load balancer, if any.',
      conditions: 'Conditions of the Service.',
    },
  },
  [`${CORE}.LoadBalancerStatus`]: {
    description: 'The addresses of a load balancer.',
    fields: { ingress: 'The IP addresses or host names traffic enters through.' },
  },
  [`${CORE}.LoadBalancerIngress`]: {
    description: 'One entry point of a load balancer.',
    fields: { ip: 'An IP address.', hostname: 'A DNS name.', ports: 'Status of its ports.', ipMode: 'VIP or Proxy.' },
  },
  [`${NET}.Ingress`]: {
    fields: {
      spec: 'The routing rules: which hosts and paths go to which Services, and TLS settings.',
      status: 'The addresses the ingress controller serves this Ingress on.',
    },
  },
  [`${NET}.IngressSpec`]: {
    description: 'The rules of an Ingress.',
    fields: {
      ingressClassName: 'The IngressClass (and so the ingress controller) that implements this Ingress.',
      rules: 'Routing rules, each for one host (or every host) with its paths.',
      defaultBackend: 'Where requests that match no rule go.',
      tls: 'Host names to serve over HTTPS, and the Secrets with their certificates.',
    },
  },
  [`${NET}.IngressRule`]: {
    description: 'The paths of one host.',
    fields: {
      host: 'The host name to match, such as "shop.example.com" or "*.example.com". Empty matches every host.',
      http: 'The HTTP paths of this host.',
    },
  },
  [`${NET}.HTTPIngressRuleValue`]: {
    description: 'A list of HTTP paths.',
    fields: { paths: 'The paths, each mapped to a backend.' },
  },
  [`${NET}.HTTPIngressPath`]: {
    description: 'Maps a URL path to a backend.',
    fields: {
      path: 'The URL path to match, starting with "/".',
      pathType:
        'How path is matched: Prefix (by path segment: /app matches /app and /app/x but not /apple), Exact, or ' +
        'ImplementationSpecific.',
      backend: 'Where matching requests go.',
    },
  },
  [`${NET}.IngressBackend`]: {
    description: 'Where an Ingress sends requests: a Service, or another resource.',
    fields: {
      service: 'A Service and port.',
      resource: 'Another object, such as a storage bucket, instead of a Service.',
    },
  },
  [`${NET}.IngressServiceBackend`]: {
    description: 'A Service as an Ingress backend.',
    fields: { name: "The name of the Service, in the Ingress's namespace.", port: 'The port of the Service.' },
  },
  [`${NET}.ServiceBackendPort`]: {
    description: 'A port of a Service, by number or by name.',
    fields: { number: 'The port number.', name: 'The port name.' },
  },
  [`${NET}.IngressTLS`]: {
    description: 'TLS settings for some hosts.',
    fields: {
      hosts: 'The host names the certificate is for.',
      secretName: 'The Secret of type kubernetes.io/tls with the certificate and key.',
    },
  },
  [`${NET}.NetworkPolicy`]: {
    fields: { spec: 'Which Pods the policy applies to, and which traffic it allows.' },
  },
  [`${NET}.NetworkPolicySpec`]: {
    description: 'What a NetworkPolicy selects and allows.',
    fields: {
      podSelector:
        'The Pods in this namespace the policy applies to. An empty selector ({}) selects every Pod of the ' +
        'namespace.',
      policyTypes:
        'Which directions the policy restricts: Ingress, Egress or both. Once a Pod is selected for a direction, ' +
        'only traffic some policy allows passes in that direction.',
      ingress: 'Incoming traffic to allow. An empty list with policyType Ingress allows nothing.',
      egress: 'Outgoing traffic to allow. An empty list with policyType Egress allows nothing.',
    },
  },
  [`${NET}.NetworkPolicyIngressRule`]: {
    description: 'Allows traffic that comes from any of the peers to any of the ports.',
    fields: {
      from: 'The allowed sources. Empty means any source.',
      ports: 'The allowed destination ports. Empty means every port.',
    },
  },
  [`${NET}.NetworkPolicyEgressRule`]: {
    description: 'Allows traffic that goes to any of the peers on any of the ports.',
    fields: {
      to: 'The allowed destinations. Empty means any destination.',
      ports: 'The allowed destination ports. Empty means every port.',
    },
  },
  [`${NET}.NetworkPolicyPeer`]: {
    description:
      'A set of traffic peers: Pods (by label), namespaces (by label), both at once, or an IP address range.',
    fields: {
      podSelector: "Pods with these labels, in the policy's namespace unless namespaceSelector is set too.",
      namespaceSelector: 'Every Pod in the namespaces with these labels.',
      ipBlock: 'An IP address range, usually for traffic from or to outside the cluster.',
    },
  },
  [`${NET}.NetworkPolicyPort`]: {
    description: 'A port, or range of ports, traffic may use.',
    fields: {
      protocol: 'TCP, UDP or SCTP. Defaults to TCP.',
      port: 'The port, by number or by container port name. Empty means every port.',
      endPort: 'With a numeric port: the end of a range of ports.',
    },
  },
  [`${NET}.IPBlock`]: {
    description: 'A range of IP addresses.',
    fields: { cidr: 'The range, such as 10.0.0.0/16.', except: 'Ranges inside cidr to leave out.' },
  },
};
