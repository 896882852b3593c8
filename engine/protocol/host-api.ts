// The typed contract between the host (main/) and the UI (renderer/): every request the UI may make, with its
// parameters and result, and every stream the host may push. The same messages travel over Electron IPC and over the
// browser WebSocket; this file holds only types, so both sides import it without pulling in either runtime.

/** A Kubernetes object as the API returns it (JSON). */
export interface KubeObjectJson {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Which resource: its group ('' for the core group), version and plural name. */
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

/** One object of a resource: the resource, and the object's namespace (if namespaced) and name. */
export interface ObjectRef extends ResourceRef {
  namespace?: string;
  name: string;
}

/** A resource the cluster serves, as discovery describes it (for the explorer and the editor). */
export interface ApiResourceInfo extends ResourceRef {
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
}

/** What the UI needs to know about the lab it shows. */
export interface LabInfo {
  name: string;
  /** The HTTPS address of the lab's API server. */
  server: string;
  kubeconfigPath: string;
  kubernetesVersion: string;
  /** The kubectl a terminal runs, or undefined when none was found (the terminal says so). */
  kubectl?: string;
}

/** A failure as the API server reports it (a Kubernetes Status) or as the host reports it. */
export interface HostError {
  code: number;
  reason: string;
  message: string;
  /** For a failure about one document of an applied YAML: its index and, when known, the line the field is on. */
  document?: number;
  line?: number;
  field?: string;
}

/** The answer for one document of an applied (or dry-run) YAML. */
export interface ApplyOutcome {
  document: number;
  ref?: ObjectRef;
  /** created, configured or unchanged — as `kubectl apply` words it. */
  action?: 'created' | 'configured' | 'unchanged';
  object?: KubeObjectJson;
  error?: HostError;
}

/** The difference between the cluster's copy of an object and the copy an apply would make. */
export interface DiffOutcome {
  document: number;
  ref?: ObjectRef;
  /** The live object as YAML (managedFields left out), or undefined when it does not exist yet. */
  live?: string;
  /** The object as the server would store it after the apply (a server-side dry run), as YAML. */
  merged?: string;
  error?: HostError;
}

/** One scheduling attempt of a pod, as the scheduler recorded it: per node and plugin. */
export interface SchedulingExplanation {
  pod: { namespace: string; name: string };
  decisions: KubeObjectJson[];
}

/** A device of a network namespace, as `ip addr` shows it. */
export interface NetworkDevice {
  name: string;
  /** loopback, veth, bridge, vxlan, ethernet or dummy. */
  kind: string;
  /** The `ip link` index. */
  index: number;
  mac: string;
  mtu: number;
  up: boolean;
  /** Addresses in CIDR form (`10.244.1.1/24`). */
  addresses: string[];
  /** The bridge this device is a port of. */
  master?: string;
  /** A veth's other end: its namespace and name. */
  peer?: { namespace: string; device: string };
  /** A VXLAN device's identifier, local VTEP and the remote VTEPs it sends to (node IPs). */
  vxlan?: { vni: number; local: string; port: number; remotes: string[] };
}

/** A pod's network namespace: its address and the veth pair joining it to its node's bridge. */
export interface NetworkPod {
  namespace: string;
  name: string;
  /** The network namespace's name, `pod/<namespace>/<name>`. */
  netns: string;
  ip: string;
  mac: string;
  /** The pod's end of the veth pair (`eth0`) and the node's end (`veth1a2b3c4d`, a port of the bridge). */
  podInterface: string;
  hostInterface: string;
}

/** How a node reaches another node's pods: through the overlay device, or a plain route on the node network. */
export interface NetworkTunnel {
  /** The other node. */
  node: string;
  podCidr: string;
  /** The route's line as `ip route` prints it. */
  route: string;
  device: string;
  /** The remote VTEP (overlay) or gateway (routed): the other node's IP. */
  remote: string;
  kind: 'vxlan' | 'route';
}

/** A node's root namespace (`node/<name>`): its devices, routes, tunnels to the other nodes and its pods. */
export interface NetworkNode {
  name: string;
  netns: string;
  ip: string;
  podCidr: string;
  bridge: string;
  devices: NetworkDevice[];
  /** The main routing table, one `ip route` line each. */
  routes: string[];
  tunnels: NetworkTunnel[];
  pods: NetworkPod[];
}

/** One endpoint of a Service, from its EndpointSlices. */
export interface NetworkEndpoint {
  ip: string;
  port: number;
  portName?: string;
  ready: boolean;
  /** The pod behind it (`namespace/name`) and its node, when the slice says. */
  pod?: string;
  node?: string;
}

/** A Service with its virtual addresses, ports and endpoints. */
export interface NetworkService {
  namespace: string;
  name: string;
  type: string;
  /** The ClusterIP, `None` for a headless Service, '' for an ExternalName. */
  clusterIP: string;
  externalIPs: string[];
  loadBalancerIPs: string[];
  externalName?: string;
  ports: { name?: string; protocol: string; port: number; targetPort: string; nodePort?: number }[];
  endpoints: NetworkEndpoint[];
}

/** The lab's network as the network panel draws it. */
export interface NetworkTopology {
  /** The CNI plugin (--cni): flannel (VXLAN overlay) or routed (host-gw routes). */
  cni: string;
  /** kube-proxy's mode: iptables or ipvs. */
  proxyMode: string;
  nodes: NetworkNode[];
  services: NetworkService[];
}

/** One step of a packet's way, as the data plane recorded it (engine/network/packet.ts's TraceHop). */
export type NetworkTraceHop = {
  /** The network namespace the step happened in: `pod/<namespace>/<name>` or a node's `node/<name>`. */
  namespace: string;
  /** One line a student reads: what happened here. */
  summary: string;
} & (
  | { kind: 'socket'; action: 'send' | 'receive'; program?: string }
  | { kind: 'device'; device: string; direction: 'egress' | 'ingress'; deviceType: string }
  | { kind: 'route'; route: string; device: string; via?: string }
  | { kind: 'neighbour'; ip: string; mac: string; device: string }
  | { kind: 'bridge'; bridge: string; port: string; mac: string }
  | { kind: 'netfilter'; hook: string; table: string; chain: string; rule: string; target: string }
  | { kind: 'nat'; type: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'reverse'; from: string; to: string }
  | { kind: 'conntrack'; entry: string; state: string }
  | { kind: 'ipvs'; service: string; realServer: string; scheduler: string }
  | { kind: 'encapsulation'; device: string; vni: number; outerSrc: string; outerDst: string }
  | { kind: 'decapsulation'; device: string; vni: number }
  | { kind: 'deliver'; socket: string }
  | { kind: 'drop'; reason: string }
  | { kind: 'reject'; reason: string }
);

/** One exchange a program sent (a DNS query of a lookup), with the hops of its way there and back. */
export interface NetworkExchange {
  id: number;
  from: string;
  program: string;
  protocol: 'tcp' | 'udp' | 'icmp';
  dst: string;
  dstPort: number;
  /** "ok", or the error the program saw. */
  outcome: string;
  hops: NetworkTraceHop[];
}

/** A request a program sent through the data plane (wget, curl, a DNS query…), as kept: its hops on demand. */
export interface NetworkRequest {
  id: number;
  /** Lab time it was sent (RFC 3339). */
  time: string;
  from: string;
  program: string;
  protocol: 'tcp' | 'udp' | 'icmp';
  dst: string;
  dstPort: number;
  outcome: string;
  hopCount: number;
}

/** A packet trace: how the request from a pod or node to a target went, hop by hop. */
export interface NetworkTrace {
  phase: 'Succeeded' | 'Failed';
  /** The address the target's host resolved to. */
  address?: string;
  protocol: 'tcp' | 'udp' | 'icmp';
  port: number;
  /** What the sender saw: "HTTP/1.1 200", "connected", "Connection refused", "web: NXDOMAIN"… */
  result: string;
  /** The DNS exchanges that resolved the host, in order. */
  lookups: NetworkExchange[];
  /** The hops of the request and its answer. */
  hops: NetworkTraceHop[];
}

/** The requests the UI may make: method name → parameters and result. */
export interface HostMethods {
  'lab.info': { params: Record<string, never>; result: LabInfo };
  'api.resources': { params: Record<string, never>; result: ApiResourceInfo[] };
  /** JSON Schemas per apiVersion/kind for the YAML editor, derived from the served OpenAPI. */
  'api.schemas': {
    params: Record<string, never>;
    result: { kinds: { apiVersion: string; kind: string; schema: unknown }[] };
  };
  'objects.list': {
    params: { ref: ResourceRef; namespace?: string };
    result: { items: KubeObjectJson[]; resourceVersion: string };
  };
  'objects.get': { params: { ref: ObjectRef }; result: KubeObjectJson };
  /** The object as stored, as YAML (managedFields left out unless asked). */
  'objects.yaml': { params: { ref: ObjectRef; managedFields?: boolean }; result: { yaml: string } };
  /** Server-side apply of every document in a YAML text (field manager `kubelab-ui`). */
  'objects.apply': {
    params: { yaml: string; dryRun?: boolean; force?: boolean };
    result: { outcomes: ApplyOutcome[] };
  };
  'objects.diff': { params: { yaml: string }; result: { outcomes: DiffOutcome[] } };
  'objects.delete': { params: { ref: ObjectRef }; result: { status: string } };
  /** Events about one object, oldest first. */
  'objects.events': { params: { ref: ObjectRef }; result: { items: KubeObjectJson[] } };
  'scheduling.explain': { params: { namespace: string; name: string }; result: SchedulingExplanation };
  /** The data plane: every node's root namespace with its devices, routes, tunnels and pods, and the Services. */
  'network.topology': { params: Record<string, never>; result: NetworkTopology };
  /**
   * Sends a request through the data plane from `pod/<namespace>/<name>` or `node/<name>` to a URL (an HTTP GET), a
   * host:port (a TCP connection) or a host (a ping), and answers every hop of its way.
   */
  'network.trace': { params: { from: string; to: string }; result: NetworkTrace };
  /** The latest requests programs sent through the data plane (from one namespace when given), newest first. */
  'network.requests': { params: { from?: string }; result: { items: NetworkRequest[] } };
  /** One kept request with its hops (NotFound once newer ones pushed it out). */
  'network.request': { params: { id: number }; result: NetworkExchange };
  /** A node's netfilter rules as `iptables-save` and `ipvsadm -Ln` print them. */
  'network.rules': { params: { node: string }; result: { iptablesSave: string; ipvs: string } };
  /** Opens a watch stream of one resource (optionally one namespace): first the current objects, then changes. */
  'watch.open': { params: { ref: ResourceRef; namespace?: string }; result: { stream: string } };
  /** Opens a stream of a container's log. */
  'logs.open': {
    params: {
      namespace: string;
      pod: string;
      container?: string;
      follow?: boolean;
      tailLines?: number;
      previous?: boolean;
    };
    result: { stream: string };
  };
  /** Opens a terminal (a real shell with KUBECONFIG set to the lab); its output arrives as a stream. */
  'terminal.open': { params: { cols: number; rows: number }; result: { stream: string; shell: string } };
  'terminal.input': { params: { stream: string; data: string }; result: Record<string, never> };
  'terminal.resize': { params: { stream: string; cols: number; rows: number }; result: Record<string, never> };
  /** Closes any stream this client opened (a watch, a log, a terminal). */
  'stream.close': { params: { stream: string }; result: Record<string, never> };
}

export type HostMethod = keyof HostMethods;
export type HostParams<M extends HostMethod> = HostMethods[M]['params'];
export type HostResult<M extends HostMethod> = HostMethods[M]['result'];

/** What a stream carries, by the kind of stream. */
export type StreamEvent =
  | { kind: 'watch'; type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'SYNCED'; object?: KubeObjectJson }
  | { kind: 'logs'; text: string }
  | { kind: 'terminal'; data: string }
  | { kind: 'end'; error?: HostError; exitCode?: number };

/** Every method of the contract, as a value (the preload exposes one function per name; the host checks names). */
export const HOST_METHOD_NAMES = [
  'lab.info',
  'api.resources',
  'api.schemas',
  'objects.list',
  'objects.get',
  'objects.yaml',
  'objects.apply',
  'objects.diff',
  'objects.delete',
  'objects.events',
  'scheduling.explain',
  'network.topology',
  'network.trace',
  'network.requests',
  'network.request',
  'network.rules',
  'watch.open',
  'logs.open',
  'terminal.open',
  'terminal.input',
  'terminal.resize',
  'stream.close',
] as const satisfies readonly HostMethod[];
