// A lab cluster: the store (embedded or etcd), the API server with every built-in resource, the admission chain,
// authentication and authorization, and the bootstrap objects every cluster starts with. The composition root of
// the engine; hosts (the CLI, the desktop app) start one and serve it over HTTPS.

import type { KubeObject } from '../api/object.ts';
import { builtinSchemas } from '../api/schemas.ts';
import type { SchemaLookup } from '../api/schema-table.ts';
import { AdmissionChain } from '../apiserver/admission/admission.ts';
import { NamespaceLifecycle } from '../apiserver/admission/plugins/namespace-lifecycle.ts';
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
import { InProcessClient } from '../client/in-process-client.ts';
import { ControllerManager } from '../controllers/controller-manager.ts';
import type { Clock } from '../lab/clock.ts';
import { VirtualClock } from '../lab/clock.ts';
import type { KV } from '../store/kv.ts';
import { openStore } from '../store/open-store.ts';
import type { StoreSpec } from '../store/open-store.ts';
import { bootstrapCluster } from './bootstrap.ts';
import { namespaceDelete, namespaceFinalize } from './namespace-rest.ts';
import type { ClusterConfig } from './cluster-config.ts';
import { DEFAULT_CLUSTER_CONFIG } from './cluster-config.ts';
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

export class Cluster {
  readonly clock: Clock;
  readonly config: ClusterConfig;
  readonly registry = new ResourceRegistry();
  readonly apiServer: ApiServer;
  /** A client acting as the API server itself (bootstrap, controllers). */
  readonly loopback: InProcessClient;
  private readonly cachers: Cacher[] = [];
  private controllers: ControllerManager | undefined;

  private constructor(
    readonly kv: KV,
    options: ClusterOptions,
  ) {
    this.clock = options.clock ?? new VirtualClock();
    this.config = { ...DEFAULT_CLUSTER_CONFIG, ...options.config };
    const storage = new ObjectStorage(kv);
    const schemas: SchemaLookup = builtinSchemas;
    const admission = new AdmissionChain([new NamespaceLifecycle((name) => this.getNamespace(name))]);
    const hooks: Record<string, StoreHooks> = {
      services: serviceHooks(this.config, () => this.storeOf('', 'services')),
    };
    for (const definition of builtinResources()) {
      if (definition.group === '' && COMPUTED_RESOURCES.has(definition.resource)) continue;
      this.serve(definition, storage, schemas, admission, hooks[definition.group === '' ? definition.resource : ''], kv);
    }
    const authorizer = new UnionAuthorizer([new PrivilegedGroupAuthorizer(), ...(options.authorizers ?? [])]);
    for (const served of virtualResources({ authenticator: options.authenticator, authorizer })) this.registry.add(served);
    this.apiServer = new ApiServer({
      registry: this.registry,
      authenticator: options.authenticator,
      authorizer,
      clock: this.clock,
      schemas: () => schemas,
      serverAddress: options.serverAddress ?? (() => `${this.config.advertiseAddress}:${this.config.securePort}`),
      healthChecks: [{ name: 'etcd', check: async () => void (await kv.range('/registry/health', { countOnly: true })) }],
    });
    this.loopback = new InProcessClient(this.apiServer, LOOPBACK_USER, 'kube-apiserver');
  }

  /** Opens the store, serves every built-in resource, and creates the objects every cluster starts with. */
  static async start(options: ClusterOptions): Promise<Cluster> {
    const kv = await openStore(options.store ?? { kind: 'embedded' }, options.clock ?? new VirtualClock(), options.logger);
    const cluster = new Cluster(kv, options);
    await Promise.all(cluster.cachers.map((c) => c.start()));
    await bootstrapCluster(cluster.loopback, cluster.config);
    cluster.controllers = new ControllerManager(
      new InProcessClient(cluster.apiServer, CONTROLLER_MANAGER_USER, 'kube-controller-manager'),
      cluster.clock,
    );
    await cluster.controllers.start();
    return cluster;
  }

  /** The registry store of a stored resource (preferred version). */
  storeOf(group: string, resource: string): RegistryStore {
    const served = this.registry.all().find((s) => s.definition.group === group && s.definition.resource === resource && s.store);
    if (!served?.store) throw new Error(`no stored resource ${resource}.${group}`);
    return served.store;
  }

  async close(): Promise<void> {
    this.controllers?.stop();
    for (const cacher of this.cachers) cacher.stop();
    if (this.clock instanceof VirtualClock) this.clock.dispose();
    await this.kv.close();
  }

  private serve(
    definition: ResourceDefinition,
    storage: ObjectStorage,
    schemas: SchemaLookup,
    admission: AdmissionChain,
    hooks: StoreHooks | undefined,
    kv: KV,
  ): void {
    const prefix = resourcePrefix(definition.storagePrefix ?? definition.resource);
    let cacher = this.cachers.find((c) => c.prefix === prefix);
    if (!cacher) {
      cacher = new Cacher(kv, prefix);
      this.cachers.push(cacher);
    }
    const store = new RegistryStore({ definition, storage, cacher, clock: this.clock, admission, schemas, hooks });
    const served: ServedResource = { definition, store };
    if (definition.group === '' && definition.resource === 'namespaces') {
      served.verbs = { delete: namespaceDelete(store) };
      served.subresources = { finalize: namespaceFinalize(store) };
    }
    this.registry.add(served);
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
