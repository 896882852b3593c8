// Builders of Pods, Namespaces and NetworkPolicies for the network-policy agent's tests: a running pod on a node
// with an IP, labels and named container ports; a namespace labelled as the API server labels it.

import type { ContainerPort, Namespace, NetworkPolicy, Pod } from './types.ts';

export interface PodInit {
  namespace?: string;
  name: string;
  ip: string;
  node: string;
  labels?: Record<string, string>;
  ports?: ContainerPort[];
  hostNetwork?: boolean;
  phase?: string;
}

export function makePod(init: PodInit): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: init.namespace ?? 'default', name: init.name, labels: init.labels ?? {} },
    spec: {
      nodeName: init.node,
      ...(init.hostNetwork ? { hostNetwork: true } : {}),
      containers: [{ ports: init.ports ?? [] }],
    },
    status: { phase: init.phase ?? 'Running', podIP: init.ip },
  };
}

export function makeNamespace(name: string, labels: Record<string, string> = {}): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
  };
}

export function makePolicy(namespace: string, name: string, spec: NonNullable<NetworkPolicy['spec']>): NetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { namespace, name },
    spec: { podSelector: {}, ...spec },
  };
}
