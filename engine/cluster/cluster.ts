// A lab cluster: the store (embedded or etcd), the API server with every built-in resource and the custom resources
// of its CRDs, the admission chain, authentication and authorization, the bootstrap objects every cluster starts with,
// and the controller manager — and, when it has nodes, the scheduler, the nodes' kubelets, the kubeadm add-ons and the
// lab API (clock and faults). The composition root of the engine; hosts (the CLI, the desktop app) start one and
// serve it over HTTPS.

import type { GroupVersionResource, KubeObject } from '../api/object.ts';
import { builtinSchemas } from '../api/schemas.ts';
import type { AdmissionChain } from '../apiserver/admission/admission.ts';
import { buildAdmissionChain } from '../apiserver/admission/plugins/index.ts';
import type { AdmissionLookups } from '../apiserver/admission/plugins/index.ts';
import { CrdController } from '../apiserver/apiextensions/crd-controller.ts';
import type { CustomResourceHost } from '../apiserver/apiextensions/crd-controller.ts';
import { SchemaRegistry } from '../apiserver/apiextensions/schema-registry.ts';
import { ApiServer } from '../apiserver/api-server.ts';
import type { HealthCheck, HealthEndpoint } from '../apiserver/api-server.ts';
import { newRequestAuthenticator } from '../apiserver/authentication/request-authenticator.ts';
import { staticTokenAuthenticator } from '../apiserver/authentication/token-file.ts';
import { BootstrapRulesAuthorizer } from '../apiserver/authorization/bootstrap-rules.ts';
import type { JwtSigner } from '../apiserver/serviceaccount/jwt.ts';
import {
  serviceAccountTokenAuthenticator,
  tokenRequestHandler,
} from '../apiserver/serviceaccount/service-account-tokens.ts';
import type { TokenObjects } from '../apiserver/serviceaccount/service-account-tokens.ts';
import { PrivilegedGroupAuthorizer, UnionAuthorizer } from '../apiserver/authorization/authorizer.ts';
import type { Authorizer } from '../apiserver/authorization/authorizer.ts';
import { COMPUTED_RESOURCES, builtinResources } from '../apiserver/registry/builtin-resources.ts';
import { coreEventToEventsV1, eventsV1ToCoreEvent } from '../apiserver/registry/events/conversion.ts';
import { eventsResources } from '../apiserver/registry/events/index.ts';
import { autoscalingResources } from '../apiserver/registry/autoscaling/index.ts';
import { hpaV1ToV2, hpaV2ToV1 } from '../apiserver/registry/autoscaling/conversion.ts';
import { ConvertingStore } from '../apiserver/registry/generic/converting-store.ts';
import type { Conversion } from '../apiserver/registry/generic/converting-store.ts';
import { podStreamSubresources } from '../apiserver/podstreams/pod-stream-subresources.ts';
import { kubeletPodDialer } from '../apiserver/proxy/pod-dialer.ts';
import { podProxyHandler } from '../apiserver/proxy/pod-proxy-handler.ts';
import { serviceProxyHandler } from '../apiserver/proxy/service-proxy-handler.ts';
import { printerFor } from '../apiserver/printers/index.ts';
import { RegistryStore } from '../apiserver/registry/generic/registry-store.ts';
import type { StoreHooks } from '../apiserver/registry/generic/registry-store.ts';
import type { ResourceDefinition, UserInfo } from '../apiserver/registry/resource-definition.ts';
import { ResourceRegistry } from '../apiserver/registry/resource-registry.ts';
import type { ServedResource } from '../apiserver/registry/served-resource.ts';
import { Cacher } from '../apiserver/storage/cacher.ts';
import type { CacheIndexes } from '../apiserver/storage/cacher.ts';
import { Compactor } from '../apiserver/storage/compactor.ts';
import { resourcePrefix } from '../apiserver/storage/keys.ts';
import { ObjectStorage } from '../apiserver/storage/object-storage.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import { Readiness } from './readiness.ts';
import { SharedInformer } from '../client/informer.ts';
import { InProcessClient } from '../client/in-process-client.ts';
import { EventRecorder } from '../client/event-recorder.ts';
import { ControllerManager } from '../controllers/controller-manager.ts';
import type { Clock } from '../lab/clock.ts';
import { VirtualClock } from '../lab/clock.ts';
import { LabControllers } from '../lab/lab-controllers.ts';
import { findImage } from '../node/images/catalogue.ts';
import { DecisionLog } from '../scheduler/decision-log.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import type { KV } from '../store/kv.ts';
import { openStore } from '../store/open-store.ts';
import type { StoreSpec } from '../store/open-store.ts';
import { bootstrapCluster } from './bootstrap.ts';
import type { ClusterConfig } from './cluster-config.ts';
import { DEFAULT_CLUSTER_CONFIG } from './cluster-config.ts';
import type { ComponentProbe } from './component-statuses.ts';
import { componentStatusHandlers } from './component-statuses.ts';
import { crdDelete } from './crd-rest.ts';
import { kubeletMetrics } from './kubelet-metrics.ts';
import { bootstrapLab } from './lab-bootstrap.ts';
import { NO_METRICS, metricsResources } from './metrics-api.ts';
import type { MetricsSource } from './metrics-api.ts';
import { ClusterNodes } from './nodes.ts';
import type { CniName } from '../network/lab/network-lab.ts';
import { NetworkLab } from '../network/lab/network-lab.ts';
import { PacketTraceController } from '../network/lab/packet-trace-controller.ts';
import { LAB_GROUP, LAB_VERSION } from '../lab/lab-resources.ts';
import { clusterDnsFromInformers } from '../network/dns/cluster-dns-informers.ts';
import type { ClusterServices } from '../node/images/program.ts';
import type { ProxyMode } from '../node/kube-proxy/types.ts';
import { schedulingDecisionsResource } from './scheduling-decisions-api.ts';
import { bindingsCreate, podBinding, podEviction } from './pod-rest.ts';
import { serviceAccountSigner } from './service-account-key.ts';
import { namespaceDelete, namespaceFinalize } from './namespace-rest.ts';
import { serviceHooks } from './service-hooks.ts';
import { virtualResources } from './virtual-resources.ts';

export interface ClusterOptions {
  store?: StoreSpec;
  clock?: Clock;
  config?: Partial<ClusterConfig>;
  /** Bearer tokens the host hands out (token → user), besides client certificates and ServiceAccount tokens. */
  staticTokens?: ReadonlyMap<string, UserInfo>;
  /** Whether requests without credentials are served as system:anonymous (as kube-apiserver by default). */
  anonymous?: boolean;
  /** The key pair that signs ServiceAccount tokens; a fresh one when absent. */
  serviceAccountKey?: { privateKeyPem: string; publicKeyPem: string };
  /** Extra authorizers after system:masters (RBAC comes here). */
  authorizers?: Authorizer[];
  /** host:port the API server is reachable on, for legacy discovery. */
  serverAddress?: () => string;
  logger?: (message: string) => void;
  /** The cluster CA certificate (PEM) published in every namespace as kube-root-ca.crt; not published when absent. */
  rootCAPem?: string;
  /**
   * Worker nodes. With a number (0 too) the cluster is a whole lab: a control-plane node, the workers, the scheduler,
   * CoreDNS and kube-proxy, the lab API. Without, it is the control plane alone (API server and controller manager).
   */
  nodes?: number;
  /** Which controllers the controller manager runs (kube-controller-manager's --controllers; default all). */
  controllers?: readonly string[];
  /**
   * The lab's network: the CNI plugin (--cni, default flannel) and kube-proxy's mode (--proxy-mode, default
   * iptables) of a packet-level data plane; false for nodes without one (pods get addresses and reach only
   * themselves), which thousands of nodes need.
   */
  network?: { cni?: CniName; proxyMode?: ProxyMode } | false;
}

/** The identity of the engine's own components talking to the API server. */
export const LOOPBACK_USER: UserInfo = {
  username: 'system:apiserver',
  uid: 'kubelab-loopback',
  groups: ['system:authenticated', 'system:masters'],
};

/**
 * The controller manager's identity. It is in system:masters until authorization grows RBAC, when it gets
 * kube-controller-manager's own roles instead.
 */
export const CONTROLLER_MANAGER_USER: UserInfo = {
  username: 'system:kube-controller-manager',
  groups: ['system:authenticated', 'system:masters'],
};

/** The scheduler's identity; in system:masters until authorization grows RBAC, as the controller manager. */
export const SCHEDULER_USER: UserInfo = {
  username: 'system:kube-scheduler',
  groups: ['system:authenticated', 'system:masters'],
};

/** kube-proxy's and CoreDNS's identity (they read Services, EndpointSlices, Namespaces and Pods). */
const KUBE_PROXY_USER: UserInfo = {
  username: 'system:kube-proxy',
  groups: ['system:authenticated', 'system:masters'],
};

const gvrKey = (g: GroupVersionResource) => `${g.group}/${g.version}/${g.resource}`;

/** Fields the watch caches index, as kube-apiserver's cacher indexes pods by node: every kubelet watches its own. */
const CACHE_INDEXES: Record<string, CacheIndexes> = {
  '/registry/pods/': {
    'spec.nodeName': (pod) => String((pod['spec'] as { nodeName?: string } | undefined)?.nodeName ?? ''),
  },
};

export class Cluster {
  readonly config: ClusterConfig;
  readonly registry = new ResourceRegistry();
  readonly schemas = new SchemaRegistry(builtinSchemas);
  readonly apiServer: ApiServer;
  /** A client acting as the API server itself (bootstrap, CRD serving). */
  readonly loopback: InProcessClient;
  private readonly storage: ObjectStorage;
  private readonly admission: AdmissionChain;
  private readonly hooks: Record<string, StoreHooks>;
  private readonly cachers = new Map<string, Cacher>();
  /** The generic stores of stored resources, by group/version/resource. */
  private readonly stores = new Map<string, RegistryStore>();
  /** Custom resources by group/version/resource → the CRD serving them. */
  private readonly customOwners = new Map<string, string>();
  private readonly apiInformers: InformerFactory;
  private readonly crdController: CrdController;
  private controllers: ControllerManager | undefined;
  private scheduler: Scheduler | undefined;
  private lab: LabControllers | undefined;
  private servicesInformer: SharedInformer | undefined;
  private networkInformers: InformerFactory | undefined;
  /** The data plane, when the lab has one. */
  networkLab: NetworkLab | undefined;
  private clusterServices: ClusterServices | undefined;
  private packetTraces: PacketTraceController | undefined;
  private schedulerInformers: InformerFactory | undefined;
  /** The lab's nodes; absent for a control plane alone. */
  nodes: ClusterNodes | undefined;
  /** The scheduler's record of its decisions, served as SchedulingDecisions. */
  readonly decisions = new DecisionLog();
  private metrics: MetricsSource = NO_METRICS;
  private readonly compactor: Compactor;
  /** Start-up (caches, bootstrap, CRD serving) is complete. */
  private started = false;
  private closing = false;

  private constructor(
    readonly kv: KV,
    readonly clock: Clock,
    options: ClusterOptions,
  ) {
    this.config = { ...DEFAULT_CLUSTER_CONFIG, ...options.config };
    this.storage = new ObjectStorage(kv);
    this.compactor = new Compactor(kv);
    this.admission = buildAdmissionChain(this.admissionLookups());
    this.hooks = { '/services': serviceHooks(this.config, () => this.storeOf('', 'services')) };
    const computed: ResourceDefinition[] = [];
    for (const definition of builtinResources()) {
      if (definition.group === '' && COMPUTED_RESOURCES.has(definition.resource)) computed.push(definition);
      else this.serve(definition);
    }
    this.serveConvertedVersions();
    const signer = serviceAccountSigner(options.serviceAccountKey);
    const tokenObjects = {
      serviceAccounts: this.storeOf('', 'serviceaccounts'),
      pods: this.storeOf('', 'pods'),
      secrets: this.storeOf('', 'secrets'),
      nodes: this.storeOf('', 'nodes'),
    };
    const authenticator = newRequestAuthenticator({
      tokenAuthenticators: [
        staticTokenAuthenticator(options.staticTokens ?? new Map()),
        serviceAccountTokenAuthenticator(signer, tokenObjects, this.clock),
      ],
      anonymous: options.anonymous ?? true,
    });
    this.servePodSubresources(computed, signer, tokenObjects);
    const authorizer = new UnionAuthorizer([
      new PrivilegedGroupAuthorizer(),
      new BootstrapRulesAuthorizer(),
      ...(options.authorizers ?? []),
    ]);
    for (const served of virtualResources({ authenticator, authorizer })) this.registry.add(served);
    const metrics: MetricsSource = {
      podMetrics: (namespace) => this.metrics.podMetrics(namespace),
      nodeMetrics: () => this.metrics.nodeMetrics(),
    };
    for (const served of metricsResources(metrics)) this.registry.add(served);
    this.apiServer = new ApiServer({
      registry: this.registry,
      authenticator,
      authorizer,
      clock: this.clock,
      schemas: () => this.schemas,
      serverAddress: options.serverAddress ?? (() => `${this.config.advertiseAddress}:${this.config.securePort}`),
      healthChecks: this.healthChecks(),
    });
    this.loopback = new InProcessClient(this.apiServer, LOOPBACK_USER, 'kube-apiserver');
    this.apiInformers = new InformerFactory(this.loopback, this.clock);
    this.crdController = new CrdController(
      this.loopback,
      this.clock,
      this.apiInformers.informerFor({
        group: 'apiextensions.k8s.io',
        version: 'v1',
        resource: 'customresourcedefinitions',
      }),
      this.schemas,
      this.customResourceHost(),
    );
  }

  /** Opens the store, serves every resource, creates the objects every cluster starts with, starts the controllers. */
  static async start(options: ClusterOptions): Promise<Cluster> {
    const clock = options.clock ?? new VirtualClock();
    const kv = await openStore(options.store ?? { kind: 'embedded' }, clock, options.logger);
    const cluster = new Cluster(kv, clock, options);
    await Promise.all([...cluster.cachers.values()].map((c) => c.start()));
    await bootstrapCluster(cluster.loopback, cluster.config);
    cluster.compactor.start();
    cluster.apiInformers.start();
    await cluster.apiInformers.waitForSync();
    cluster.crdController.run();
    cluster.controllers = new ControllerManager(
      new InProcessClient(cluster.apiServer, CONTROLLER_MANAGER_USER, 'kube-controller-manager'),
      cluster.clock,
      {
        rootCAPem: options.rootCAPem,
        controllers: options.controllers,
        clusterCIDR: cluster.config.podCIDR,
        serviceCIDR: cluster.config.serviceCIDR,
      },
    );
    await cluster.controllers.start();
    if (options.nodes !== undefined) await cluster.startLab(options.nodes, options.rootCAPem, options.network);
    cluster.started = true;
    return cluster;
  }

  /** The scheduler, the lab API and its controllers, the add-ons, and the nodes. */
  private async startLab(
    workers: number,
    rootCAPem: string | undefined,
    network: ClusterOptions['network'],
  ): Promise<void> {
    await bootstrapLab(this.loopback, this.registry, this.config);
    this.registry.add(schedulingDecisionsResource(this.decisions));
    const schedulerClient = this.clientFor(SCHEDULER_USER, 'kube-scheduler/v1.32.4 (linux/amd64) kubernetes/59526cd');
    const schedulerInformers = new InformerFactory(schedulerClient, this.clock);
    this.schedulerInformers = schedulerInformers;
    this.scheduler = new Scheduler({
      client: schedulerClient,
      clock: this.clock,
      informers: schedulerInformers,
      recorder: new EventRecorder(schedulerClient, this.clock, { component: 'default-scheduler' }),
      decisions: this.decisions,
    });
    this.scheduler.run();
    const services = new SharedInformer(this.loopback, this.clock, { group: '', version: 'v1', resource: 'services' });
    services.start();
    await services.waitForSync();
    this.servicesInformer = services;
    if (network !== false) this.startNetwork(network ?? {});
    const nodes = new ClusterNodes({
      workers,
      network: this.networkLab && { lab: this.networkLab, cluster: this.clusterServices! },
      services: (namespace) => services.lister.namespace(namespace).list(),
      apiVolumes: rootCAPem !== undefined,
      config: this.config,
      clock: this.clock,
      clientFor: (user, agent) => this.clientFor(user, agent),
      images: findImage,
    });
    this.nodes = nodes;
    const list = (resource: string) => async (namespace: string) =>
      (await this.storeOf('', resource).list(namespace, {})).items;
    this.metrics = kubeletMetrics(() => nodes.summaries(), list('nodes'), list('pods'));
    if (this.clock instanceof VirtualClock) {
      this.lab = new LabControllers(this.loopback, this.clock, nodes);
      await this.lab.start();
    }
    await nodes.start();
  }

  /** The data plane and what its programs read from the API: kube-proxy's Services and EndpointSlices, CoreDNS's. */
  private startNetwork(network: { cni?: CniName; proxyMode?: ProxyMode }): void {
    const informers = new InformerFactory(this.clientFor(KUBE_PROXY_USER, 'kube-proxy/v1.32.4'), this.clock);
    this.networkInformers = informers;
    this.networkLab = new NetworkLab({
      clock: this.clock,
      cni: network.cni ?? 'flannel',
      proxyMode: network.proxyMode ?? 'iptables',
      clusterCIDR: this.config.podCIDR,
      serviceCIDR: this.config.serviceCIDR,
      informers,
    });
    const dns = clusterDnsFromInformers(informers, this.clock);
    this.clusterServices = { dns: (query) => dns.server.serve(query) };
    const traces = informers.informerFor({ group: LAB_GROUP, version: LAB_VERSION, resource: 'packettraces' });
    this.packetTraces = new PacketTraceController(this.loopback, this.clock, traces, this.networkLab);
    informers.start();
    this.packetTraces.run();
  }

  /**
   * Resolves once every node is Ready and every kube-system pod Running and Ready — when `kubectl get nodes` and
   * `kubectl -n kube-system get pods` look as on a freshly built kubeadm cluster. Follows nodes and pods through
   * informers; rejects after `timeoutMs` of real time with what is still missing.
   */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const informers = new InformerFactory(this.loopback, this.clock);
    const readiness = new Readiness(
      informers.informerFor({ group: '', version: 'v1', resource: 'nodes' }),
      informers.informerFor({ group: '', version: 'v1', resource: 'pods' }, { namespace: 'kube-system' }),
      this.nodes?.names(),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        readiness.onChange(() => {
          if (readiness.ready) resolve();
        });
        timer = setTimeout(() => {
          reject(new Error(`cluster not ready after ${timeoutMs} ms: ${readiness.waiting().join(', ')}`));
        }, timeoutMs);
        informers.start();
        void informers.waitForSync().then(() => {
          if (readiness.ready) resolve();
        });
      });
    } finally {
      clearTimeout(timer);
      informers.stop();
    }
  }

  /** A client for an engine component acting as `user` (a kubelet, the scheduler…), through the full pipeline. */
  clientFor(user: UserInfo, userAgent: string): InProcessClient {
    return new InProcessClient(this.apiServer, user, userAgent);
  }

  /** The registry store of a stored resource. */
  storeOf(group: string, resource: string): RegistryStore {
    for (const store of this.stores.values()) {
      if (store.definition.group === group && store.definition.resource === resource) return store;
    }
    throw new Error(`no stored resource ${resource}.${group}`);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.lab?.stop();
    await this.nodes?.stop();
    this.scheduler?.stop();
    this.schedulerInformers?.stop();
    this.servicesInformer?.stop();
    this.packetTraces?.stop();
    this.networkLab?.stop();
    this.networkInformers?.stop();
    this.controllers?.stop();
    this.compactor.stop();
    this.crdController.stop();
    this.apiInformers.stop();
    for (const cacher of this.cachers.values()) cacher.stop();
    if (this.clock instanceof VirtualClock) this.clock.dispose();
    await this.kv.close();
  }

  /** What /healthz, /livez and /readyz report, each backed by the state it names. */
  private healthChecks(): HealthCheck[] {
    const store = async () => void (await this.kv.range('/registry/health', { countOnly: true }));
    const when = (ready: () => boolean, what: string) => () => {
      if (!ready()) throw new Error(`${what} has not finished`);
    };
    const readyOnly: HealthEndpoint[] = ['readyz'];
    const notLive: HealthEndpoint[] = ['healthz', 'readyz'];
    return [
      { name: 'etcd', check: store },
      { name: 'etcd-readiness', check: store, endpoints: readyOnly },
      { name: 'informer-sync', check: when(() => this.started, 'the watch caches'), endpoints: readyOnly },
      {
        name: 'poststarthook/start-apiextensions-controllers',
        check: when(() => this.started, 'the CRD controller'),
        endpoints: notLive,
      },
      {
        name: 'poststarthook/crd-informer-synced',
        check: when(() => this.started, 'the CRD informer'),
        endpoints: notLive,
      },
      {
        name: 'poststarthook/bootstrap-controller',
        check: when(() => this.started, 'the bootstrap'),
        endpoints: notLive,
      },
      {
        name: 'poststarthook/scheduling/bootstrap-system-priority-classes',
        check: when(() => this.started, 'the system priority classes'),
        endpoints: notLive,
      },
      { name: 'shutdown', check: when(() => !this.closing, 'shutdown'), endpoints: readyOnly },
    ];
  }

  /** Serves a stored resource: a watch cache per storage prefix, a registry store, and any REST overrides. */
  private serve(definition: ResourceDefinition): ServedResource {
    const prefix = resourcePrefix(definition.storagePrefix ?? definition.resource);
    let cacher = this.cachers.get(prefix);
    if (!cacher) {
      cacher = new Cacher(this.kv, prefix, undefined, CACHE_INDEXES[prefix]);
      this.cachers.set(prefix, cacher);
    }
    const store = new RegistryStore({
      definition,
      storage: this.storage,
      cacher,
      clock: this.clock,
      admission: this.admission,
      schemas: this.schemas,
      hooks: this.hooks[`${definition.group}/${definition.resource}`],
    });
    this.stores.set(gvrKey(definition), store);
    const served: ServedResource = { definition, store };
    if (definition.group === '' && definition.resource === 'namespaces') {
      served.verbs = { delete: namespaceDelete(store) };
      served.subresources = { finalize: namespaceFinalize(store) };
    }
    if (definition.group === 'apiextensions.k8s.io' && definition.resource === 'customresourcedefinitions') {
      served.verbs = { delete: crdDelete(store) };
    }
    this.registry.add(served);
    return served;
  }

  /**
   * Sub-resources and resources the API server implements itself: pods/binding and /bindings, pods/eviction,
   * pods/log, pods/exec, pods/attach and pods/portforward, pods/proxy and services/proxy, serviceaccounts/token, and
   * component statuses.
   */
  private servePodSubresources(computed: ResourceDefinition[], signer: JwtSigner, tokenObjects: TokenObjects): void {
    const pods = this.storeOf('', 'pods');
    const podsServed = this.registry.get('', 'v1', 'pods')!;
    const kubelets = (node: string) => this.nodes?.kubelet(node);
    const dial = kubeletPodDialer(kubelets);
    podsServed.subresources = {
      binding: podBinding(pods),
      eviction: podEviction(pods, this.storeOf('policy', 'poddisruptionbudgets')),
      // log, exec, attach and portforward go to the kubelet of the pod's node, found when the request comes.
      ...podStreamSubresources(pods, this.storeOf('', 'nodes'), kubelets),
      proxy: podProxyHandler(pods, dial),
    };
    const servicesServed = this.registry.get('', 'v1', 'services')!;
    servicesServed.subresources = {
      ...servicesServed.subresources,
      proxy: serviceProxyHandler(
        {
          services: this.storeOf('', 'services'),
          endpointSlices: this.storeOf('discovery.k8s.io', 'endpointslices'),
          pods,
        },
        dial,
      ),
    };
    this.registry.get('', 'v1', 'serviceaccounts')!.subresources = { token: tokenRequestHandler(signer, tokenObjects) };
    for (const definition of computed) {
      if (definition.resource === 'bindings')
        this.registry.add({ definition, verbs: { create: bindingsCreate(pods) } });
      if (definition.resource === 'componentstatuses') {
        this.registry.add({ definition, verbs: componentStatusHandlers(definition, this.componentProbes()) });
      }
    }
  }

  /** What `kubectl get componentstatuses` probes: etcd through the store, the control loops by whether they run. */
  private componentProbes(): ComponentProbe[] {
    return [
      {
        name: 'controller-manager',
        probe: async () => {
          if (!this.controllers)
            throw new Error(
              'Get "https://127.0.0.1:10257/healthz": dial tcp 127.0.0.1:10257: connect: connection refused',
            );
          return 'ok';
        },
      },
      {
        name: 'scheduler',
        probe: async () => {
          if (!this.scheduler)
            throw new Error(
              'Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused',
            );
          return 'ok';
        },
      },
      {
        name: 'etcd-0',
        probe: async () => {
          await this.kv.range('/registry/health', { countOnly: true });
          return 'ok';
        },
      },
    ];
  }

  /**
   * Kinds served in versions other than the one stored: events.k8s.io/v1 Events are core Events seen in another shape
   * (selected by the core fields they are stored with), and autoscaling/v1 HorizontalPodAutoscalers are v2 ones.
   */
  private serveConvertedVersions(): void {
    this.serveConverted(
      eventsResources,
      this.storeOf('', 'events'),
      { toStorage: eventsV1ToCoreEvent, fromStorage: coreEventToEventsV1 },
      true,
    );
    const hpas = autoscalingResources.filter((d) => d.version === 'v1');
    this.serveConverted(
      hpas,
      this.storeOf('autoscaling', 'horizontalpodautoscalers'),
      { toStorage: hpaV1ToV2, fromStorage: hpaV2ToV1 },
      false,
    );
  }

  /** Serves other versions of a stored kind through a conversion (selected by the stored form's fields when asked). */
  private serveConverted(
    definitions: readonly ResourceDefinition[],
    stored: RegistryStore,
    conversion: Conversion,
    storedSelectors: boolean,
  ): void {
    for (const served of definitions) {
      const definition = {
        ...served,
        table: printerFor(served.group, served.kind),
        fieldSelectors: storedSelectors ? stored.definition.fieldSelectors : served.fieldSelectors,
      };
      this.registry.add({ definition, store: new ConvertingStore(definition, stored, conversion) });
    }
  }

  private customResourceHost(): CustomResourceHost {
    return {
      serve: (definition) => {
        const key = gvrKey(definition);
        this.customOwners.set(key, `${definition.resource}.${definition.group}`);
        this.serve(definition);
      },
      unserve: (gvr) => {
        this.registry.remove(gvr.group, gvr.version, gvr.resource);
        this.customOwners.delete(gvrKey(gvr));
        const prefix = this.stores.get(gvrKey(gvr))?.prefix;
        this.stores.delete(gvrKey(gvr));
        if (prefix && ![...this.stores.values()].some((s) => s.prefix === prefix)) {
          this.cachers.get(prefix)?.stop();
          this.cachers.delete(prefix);
        }
      },
      nameConflict: (group, plural, kind, crdName) => {
        for (const served of this.registry.all()) {
          const d = served.definition;
          if (d.group !== group) continue;
          const owner = this.customOwners.get(gvrKey(d));
          if (owner === crdName) continue;
          if (d.resource === plural || d.kind === kind)
            return owner ? `customresourcedefinition ${owner}` : `${d.resource}.${d.group}`;
        }
        return undefined;
      },
    };
  }

  /** What admission plugins read, from the stores themselves (fresh, so a just-created object is seen). */
  private admissionLookups(): AdmissionLookups {
    const find = async (group: string, resource: string, namespace: string, name: string) => {
      try {
        return await this.storeOf(group, resource).get(namespace, name);
      } catch {
        return undefined;
      }
    };
    const all = async (group: string, resource: string, namespace = '') =>
      (await this.storeOf(group, resource).list(namespace, {})).items;
    return {
      getNamespace: (name) => this.getNamespace(name),
      getServiceAccount: (namespace, name) => find('', 'serviceaccounts', namespace, name),
      getPriorityClass: (name) => find('scheduling.k8s.io', 'priorityclasses', '', name),
      listPriorityClasses: () => all('scheduling.k8s.io', 'priorityclasses'),
      listStorageClasses: () => all('storage.k8s.io', 'storageclasses'),
      listLimitRanges: (namespace) => all('', 'limitranges', namespace),
      listResourceQuotas: (namespace) => all('', 'resourcequotas', namespace),
      updateResourceQuotaStatus: async (quota) => {
        const { namespace = '', name = '' } = quota.metadata;
        await this.loopback.request('PUT', `/api/v1/namespaces/${namespace}/resourcequotas/${name}/status`, {
          body: quota,
        });
      },
      sleep: (ms) => new Promise((resolve) => this.clock.setTimeout(resolve, ms)),
    };
  }

  private async getNamespace(name: string): Promise<KubeObject | undefined> {
    const store = this.storeOf('', 'namespaces');
    try {
      return await store.get('', name, '0').catch(() => store.get('', name));
    } catch {
      return undefined;
    }
  }
}
