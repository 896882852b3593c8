// The lab's own API (lab.kubelab.io/v1alpha1): the Clock the whole cluster runs on, the Faults a teacher injects and
// the PacketTraces a student sends through the data plane. They are CustomResourceDefinitions the cluster installs at start, so `kubectl get clock`, `kubectl apply -f fault.yaml`
// and `kubectl explain fault.spec` work on them like on any resource.

import type { KubeObject } from '../api/object.ts';

export const LAB_GROUP = 'lab.kubelab.io';
export const LAB_VERSION = 'v1alpha1';
export const CLOCK_NAME = 'cluster';

/** The kinds of fault a lab can inject; more join the enum as the network, etcd and storage labs arrive. */
export const FAULT_TYPES = ['NodeDown'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

/** The schema of a kind: apiVersion, kind, metadata, and its spec and status. */
function kindSchema(description: string, fields: { spec: unknown; status: unknown }): Record<string, unknown> {
  return {
    type: 'object',
    description,
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...fields },
  };
}

function crd(
  scope: 'Cluster' | 'Namespaced',
  plural: string,
  kind: string,
  shortNames: string[],
  schema: Record<string, unknown>,
  columns: unknown[],
): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${LAB_GROUP}`, labels: { 'app.kubernetes.io/part-of': 'kubelab' } },
    spec: {
      group: LAB_GROUP,
      scope,
      names: {
        plural,
        singular: kind.toLowerCase(),
        kind,
        listKind: `${kind}List`,
        shortNames,
        categories: ['kubelab'],
      },
      versions: [
        {
          name: LAB_VERSION,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: schema },
          subresources: { status: {} },
          additionalPrinterColumns: columns,
        },
      ],
    },
  };
}

const clockSchema = kindSchema('The virtual clock every controller, kubelet, lease and back-off of this lab runs on.', {
  spec: {
    type: 'object',
    properties: {
      speed: {
        type: 'number',
        minimum: 0.01,
        maximum: 1000,
        default: 1,
        description:
          'How many seconds of lab time pass in one second of real time: 1 is real time, 30 thirty times faster.',
      },
      paused: {
        type: 'boolean',
        default: false,
        description: 'Stops lab time: nothing times out, renews or retries.',
      },
    },
  },
  status: {
    type: 'object',
    properties: {
      now: { type: 'string', format: 'date-time', description: 'Lab time when the status was last written.' },
      speed: { type: 'number', description: 'The speed in effect.' },
      paused: { type: 'boolean', description: 'Whether lab time is stopped.' },
    },
  },
});

const faultSchema = kindSchema('A fault injected into the lab; deleting it repairs what it broke.', {
  spec: {
    type: 'object',
    required: ['type'],
    properties: {
      type: {
        type: 'string',
        enum: [...FAULT_TYPES],
        description: "What breaks. NodeDown: the node's kubelet stops — no heartbeats, its containers stop.",
      },
      node: { type: 'string', description: 'The node a node fault applies to.' },
    },
  },
  status: {
    type: 'object',
    properties: {
      phase: { type: 'string', description: 'Active while the fault is in effect; Invalid when it cannot apply.' },
      message: { type: 'string' },
      since: { type: 'string', format: 'date-time', description: 'Lab time the fault took effect.' },
    },
  },
});

const hopSchema = {
  type: 'object',
  description: 'One step of the way: where it happened, what kind of step, and one line saying what happened.',
  required: ['namespace', 'kind', 'summary'],
  'x-kubernetes-preserve-unknown-fields': true,
  properties: {
    namespace: { type: 'string', description: 'The network namespace: pod/<namespace>/<name> or node/<name>.' },
    kind: {
      type: 'string',
      description:
        'socket, device, route, neighbour, bridge, netfilter, nat, conntrack, ipvs, encapsulation, decapsulation, deliver, drop or reject; the fields of each kind are kept beside it.',
    },
    summary: { type: 'string' },
  },
};

const packetTraceSchema = kindSchema(
  'A request sent through the lab network from a pod or a node, and every hop it took there and back.',
  {
    spec: {
      type: 'object',
      required: ['from', 'to'],
      properties: {
        from: {
          type: 'object',
          description: 'Where the request starts: a pod of this namespace, or a node (its root network namespace).',
          properties: {
            pod: { type: 'string', description: 'The name of a pod in the namespace of the PacketTrace.' },
            node: { type: 'string', description: 'The name of a node.' },
          },
        },
        to: {
          type: 'string',
          description:
            'A URL (http://web/ sends a GET), a host:port (opens a TCP connection) or a host (sends an ICMP echo); names are resolved as the sender resolves them.',
        },
      },
    },
    status: {
      type: 'object',
      properties: {
        phase: {
          type: 'string',
          description: 'Succeeded, Failed (the network said no), or Invalid (the spec cannot be traced).',
        },
        observedGeneration: { type: 'integer', format: 'int64' },
        address: { type: 'string', description: 'The address the target resolved to.' },
        result: { type: 'string', description: 'What the sender saw: an HTTP status, connected, a network error.' },
        message: { type: 'string' },
        lookups: {
          type: 'array',
          description: 'The DNS queries that resolved the target, each with its hops.',
          items: {
            type: 'object',
            properties: {
              nameserver: { type: 'string' },
              outcome: { type: 'string' },
              hops: { type: 'array', items: hopSchema },
            },
          },
        },
        hops: { type: 'array', description: 'The hops of the request and its answer, in order.', items: hopSchema },
      },
    },
  },
);

/** The CRDs of the lab API, as the cluster installs them. */
export function labResourceDefinitions(): KubeObject[] {
  return [
    crd('Cluster', 'clocks', 'Clock', [], clockSchema, [
      { name: 'Speed', type: 'number', jsonPath: '.spec.speed' },
      { name: 'Paused', type: 'boolean', jsonPath: '.spec.paused' },
      { name: 'Now', type: 'string', jsonPath: '.status.now' },
    ]),
    crd('Cluster', 'faults', 'Fault', [], faultSchema, [
      { name: 'Type', type: 'string', jsonPath: '.spec.type' },
      { name: 'Node', type: 'string', jsonPath: '.spec.node' },
      { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ]),
    crd('Namespaced', 'packettraces', 'PacketTrace', ['ptrace'], packetTraceSchema, [
      { name: 'From-Pod', type: 'string', jsonPath: '.spec.from.pod' },
      { name: 'From-Node', type: 'string', jsonPath: '.spec.from.node', priority: 1 },
      { name: 'To', type: 'string', jsonPath: '.spec.to' },
      { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
      { name: 'Result', type: 'string', jsonPath: '.status.result' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ]),
  ];
}

/** The one Clock object a lab starts with. */
export function initialClock(): KubeObject {
  return {
    apiVersion: `${LAB_GROUP}/${LAB_VERSION}`,
    kind: 'Clock',
    metadata: { name: CLOCK_NAME },
    spec: { speed: 1, paused: false },
  };
}
