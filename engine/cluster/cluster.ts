// A lab cluster: the store (embedded or etcd), the API server with every built-in resource and the custom resources
// of its CRDs, the admission chain, authentication and authorization, the bootstrap objects every cluster starts with,
// and the controller manager. The composition root of the engine; hosts (the CLI, the desktop app) start one and
// serve it over HTTPS.

import type { GroupVersionResource, KubeObject } from '../api/object.ts';
import { builtinSchemas } from '../api/schemas.ts';
import { AdmissionChain } from '../apiserver/admission/admission.ts';
import { NamespaceLifecycle } from '../apiserver/admission/plugins/namespace-lifecycle.ts';
import { CrdController } from '../apiserver/apiextensions/crd-controller.ts';
import type { CustomResourceHost } from '../apiserver/apiextensions/crd-controller.ts';
import { SchemaRegistry } from '../apiserver/apiextensions/schema-registry.ts';
import { ApiServer } from '../apiserver/api-server.ts';
import type { Authenticator } from '../apiserver/authentication/authenticator.ts';
import { PrivilegedGroupAuthorizer, UnionAuthorizer } from '../apiserver/authorization/authorizer.ts';
import type { Authorizer } from '../apiserver/authorization/authorizer.ts';
import { COMPUTED_RESOURCES, builtinResources } from '../apiserver/registry/builtin-resources.ts';
import { RegistryStore } from '../apiserver/registry/generic/registry-store.ts';
import type { StoreHooks } from '../apiserver/registry/generic/registry-store.ts';
import type { ResourceDefinition, UserInfo } from '../apiserver/registry/resource-definition.ts';
import { ResourceRegistry } from '../apiserver/registry/resource-registry.ts';
import type { ServedResource } from '../apiserver/registry/served-resource.ts';
import { Cacher } from '../apiserver/storage/cacher.ts';
import { resourcePrefix } from '../apiserver/storage/keys.ts';
import { ObjectStorage } from '../apiserver/storage/object-storage.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import { InProcessClient } from '../client/in-process-client.ts';
import { ControllerManager } from '../controllers/controller-manager.ts';
import type { Clock } from '../lab/clock.ts';
import { VirtualClock } from '../lab/clock.ts';
import type { KV } from '../store/kv.ts';
import { openStore } from '../store/open-store.ts';
import type { StoreSpec } from '../store/open-store.ts';
import { bootstrapCluster } from './bootstrap.ts';
import type { ClusterConfig } from './cluster-config.ts';
import { DEFAULT_CLUSTER_CONFIG } from './cluster-config.ts';
import { crdDelete } from './crd-rest.ts';
import { namespaceDelete, namespaceFinalize } from './namespace-rest.ts';
import { serviceHooks } from './service-hooks.ts';
import { virtualResources } from './virtual-resources.ts';

export interface ClusterOptions {
  store?: StoreSpec;
  clock?: Clock;
  config?: Partial<ClusterConfig>;
  /** How clients prove who they are; the host supplies it (it knows the CA and tokens). */
  authenticator: Authenticator;
  /** Extra authorizers after system:masters (RBAC comes here). */
  authorizers?: Authorizer[];
  /** host:port the API server is reachable on, for legacy discovery. */
  serverAddress?: () => string;
  logger?: (message: string) => void;
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

const gvrKey = (g: GroupVersionResource) => `${g.group}/${g.version}/${g.resource}`;

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
  /** Custom resources by group/version/resource → the CRD serving them. */
  private readonly customOwners = new Map<string, string>();
  private readonly apiInformers: InformerFactory;
  private readonly crdController: CrdController;
  private controllers: ControllerManager | undefined;

  private constructor(
    readonly kv: KV,
    readonly clock: Clock,
    options: ClusterOptions,
  ) {
    this.config = { ...DEFAULT_CLUSTER_CONFIG, ...options.config };
    this.storage = new ObjectStorage(kv);
    this.admission = new AdmissionChain([new NamespaceLifecycle((name) => this.getNamespace(name))]);
    this.hooks = { '/services': serviceHooks(this.config, () => this.storeOf('', 'services')) };
    for (const definition of builtinResources()) {
      if (definition.group === '' && COMPUTED_RESOURCES.has(definition.resource)) continue;
      this.serve(definition);
    }
    const authorizer = new UnionAuthorizer([new PrivilegedGroupAuthorizer(), ...(options.authorizers ?? [])]);
    for (const served of virtualResources({ authenticator: options.authenticator, authorizer }))
      this.registry.add(served);
    this.apiServer = new ApiServer({
      registry: this.registry,
      authenticator: options.authenticator,
      authorizer,
      clock: this.clock,
      schemas: () => this.schemas,
      serverAddress: options.serverAddress ?? (() => `${this.config.advertiseAddress}:${this.config.securePort}`),
      healthChecks: [
        { name: 'etcd', check: async () => void (await kv.range('/registry/health', { countOnly: true })) },
      ],
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
    cluster.apiInformers.start();
    await cluster.apiInformers.waitForSync();
    cluster.crdController.run();
    cluster.controllers = new ControllerManager(
      new InProcessClient(cluster.apiServer, CONTROLLER_MANAGER_USER, 'kube-controller-manager'),
      cluster.clock,
    );
    await cluster.controllers.start();
    return cluster;
  }

  /** The registry store of a stored resource (preferred version). */
  storeOf(group: string, resource: string): RegistryStore {
    const served = this.registry
      .all()
      .find((s) => s.definition.group === group && s.definition.resource === resource && s.store);
    if (!served?.store) throw new Error(`no stored resource ${resource}.${group}`);
    return served.store;
  }

  async close(): Promise<void> {
    this.controllers?.stop();
    this.crdController.stop();
    this.apiInformers.stop();
    for (const cacher of this.cachers.values()) cacher.stop();
    if (this.clock instanceof VirtualClock) this.clock.dispose();
    await this.kv.close();
  }

  /** Serves a stored resource: a watch cache per storage prefix, a registry store, and any REST overrides. */
  private serve(definition: ResourceDefinition): ServedResource {
    const prefix = resourcePrefix(definition.storagePrefix ?? definition.resource);
    let cacher = this.cachers.get(prefix);
    if (!cacher) {
      cacher = new Cacher(this.kv, prefix);
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

  private customResourceHost(): CustomResourceHost {
    return {
      serve: (definition) => {
        const key = gvrKey(definition);
        this.customOwners.set(key, `${definition.resource}.${definition.group}`);
        this.serve(definition);
      },
      unserve: (gvr) => {
        const served = this.registry.remove(gvr.group, gvr.version, gvr.resource);
        this.customOwners.delete(gvrKey(gvr));
        const prefix = served?.store?.prefix;
        if (prefix && !this.registry.all().some((s) => s.store?.prefix === prefix)) {
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

  private async getNamespace(name: string): Promise<KubeObject | undefined> {
    const store = this.storeOf('', 'namespaces');
    try {
      return await store.get('', name, '0').catch(() => store.get('', name));
    } catch {
      return undefined;
    }
  }
}
