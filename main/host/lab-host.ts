// One running lab: the cluster, its HTTPS API server on 127.0.0.1 and the admin kubeconfig that kubectl and the
// terminals use. `kubelab serve`, `kubelab web` and the Electron app all start a lab through this.

import { join, resolve } from 'node:path';
import { KUBERNETES_VERSION } from '../../engine/apiserver/api-server.ts';
import { startHttpsServer } from '../../engine/apiserver/http/https-server.ts';
import type { RunningServer } from '../../engine/apiserver/http/https-server.ts';
import { Cluster } from '../../engine/cluster/cluster.ts';
import type { ClusterOptions } from '../../engine/cluster/cluster.ts';
import type { CniName } from '../../engine/network/lab/network-lab.ts';
import type { ProxyMode } from '../../engine/node/kube-proxy/types.ts';
import type { InProcessClient } from '../../engine/client/in-process-client.ts';
import { ADMIN_GROUPS, ADMIN_USER, loadOrCreatePki } from '../../engine/pki/pki.ts';
import { adminKubeconfig, writeKubeconfig } from '../../engine/pki/kubeconfig.ts';
import { parseStoreSpec } from '../../engine/store/open-store.ts';

export interface LabOptions {
  /** Worker nodes beside the control-plane node. */
  nodes: number;
  port?: number;
  dataDir?: string;
  kubeconfigPath?: string;
  /** A store spec as `--store` takes it (`memory`, `etcd://…`). */
  store?: string;
  controllers?: readonly string[];
  /**
   * The network plugin (--cni): flannel (VXLAN overlay, the default up to 250 nodes), routed (host-gw routes), or
   * none — pods get addresses but no data plane, the default for larger labs (every node routes to every other).
   */
  cni?: CniName | 'none';
  /** kube-proxy's mode (--proxy-mode, default iptables). */
  proxyMode?: ProxyMode;
  logger?: (message: string) => void;
}

/** Above this many nodes a lab starts without a data plane unless --cni asks for one. */
const MAX_DEFAULT_NETWORK_NODES = 250;

function networkOptions(options: LabOptions): ClusterOptions['network'] {
  const cni = options.cni ?? (options.nodes > MAX_DEFAULT_NETWORK_NODES ? 'none' : 'flannel');
  if (cni === 'none') {
    if (options.cni === undefined) {
      options.logger?.(`more than ${MAX_DEFAULT_NETWORK_NODES} nodes: no data plane (pass --cni flannel for one)`);
    }
    return false;
  }
  return { cni, proxyMode: options.proxyMode ?? 'iptables' };
}

/** The identity the UI acts as: the lab's administrator, as the kubeconfig's client certificate says. */
const UI_USER = { username: ADMIN_USER, groups: [...ADMIN_GROUPS, 'system:authenticated'] };

export class LabHost {
  private constructor(
    readonly cluster: Cluster,
    private readonly server: RunningServer,
    readonly kubeconfigPath: string,
  ) {}

  static async start(options: LabOptions): Promise<LabHost> {
    const dataDir = options.dataDir && resolve(options.dataDir);
    const kubeconfigPath = resolve(
      options.kubeconfigPath ?? (dataDir ? join(dataDir, 'kubeconfig') : 'lab/kubeconfig'),
    );
    const pki = await loadOrCreatePki(dataDir && join(dataDir, 'pki'));
    let address = '';
    const cluster = await Cluster.start({
      store: parseStoreSpec(options.store, dataDir && join(dataDir, 'store')),
      serviceAccountKey: pki.serviceAccount,
      rootCAPem: pki.ca.certPem,
      serverAddress: () => address,
      logger: options.logger,
      nodes: options.nodes,
      controllers: options.controllers,
      network: networkOptions(options),
    });
    const server = await startHttpsServer(cluster.apiServer, {
      port: options.port ?? 6443,
      keyPem: pki.serving.keyPem,
      certPem: pki.serving.certPem,
      caPem: pki.ca.certPem,
    });
    address = `${server.host}:${server.port}`;
    await writeKubeconfig(kubeconfigPath, adminKubeconfig(pki, cluster.config.name, server.url));
    return new LabHost(cluster, server, kubeconfigPath);
  }

  get kubernetesVersion(): string {
    return KUBERNETES_VERSION.gitVersion;
  }

  get serverUrl(): string {
    return this.server.url;
  }

  /** A client that acts as the lab's administrator through the API server's whole pipeline. */
  client(userAgent = 'kubelab-ui'): InProcessClient {
    return this.cluster.clientFor(UI_USER, userAgent);
  }

  async waitUntilReady(): Promise<void> {
    await this.cluster.waitUntilReady();
  }

  async close(): Promise<void> {
    await this.server.close();
    await this.cluster.close();
  }
}
