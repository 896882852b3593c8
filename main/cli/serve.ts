// `kubelab serve`: a headless lab. Starts a cluster with a control-plane node and `--nodes` workers (3 by default),
// serves its API over HTTPS on 127.0.0.1, writes an admin kubeconfig, prints a line with "ready" once the nodes are
// Ready and the system pods Running, and on SIGINT/SIGTERM flushes the store and exits 0.

import { join, resolve } from 'node:path';
import { startHttpsServer } from '../../engine/apiserver/http/https-server.ts';
import { Cluster } from '../../engine/cluster/cluster.ts';
import { loadOrCreatePki } from '../../engine/pki/pki.ts';
import { writeKubeconfig } from '../../engine/pki/kubeconfig.ts';
import { parseStoreSpec } from '../../engine/store/open-store.ts';
import { intFlag, parseArgs } from './args.ts';

export async function serve(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { values: ['kubeconfig', 'port', 'nodes', 'data-dir', 'store', 'controllers'] });
  const port = intFlag(args, 'port', 6443, 0, 65535);
  const nodes = intFlag(args, 'nodes', 3, 0, 5000);
  const dataDir = args.flags.get('data-dir');
  const kubeconfigPath = resolve(
    args.flags.get('kubeconfig') ?? (dataDir ? join(dataDir, 'kubeconfig') : 'lab/kubeconfig'),
  );
  const store = parseStoreSpec(args.flags.get('store'), dataDir && resolve(dataDir, 'store'));

  const pki = await loadOrCreatePki(dataDir && resolve(dataDir, 'pki'));
  let address = '';
  const cluster = await Cluster.start({
    store,
    serviceAccountKey: pki.serviceAccount,
    rootCAPem: pki.ca.certPem,
    serverAddress: () => address,
    logger: (message) => console.error(`kubelab: ${message}`),
    nodes,
    controllers: args.flags.get('controllers')?.split(','),
  });
  const server = await startHttpsServer(cluster.apiServer, {
    port,
    keyPem: pki.serving.keyPem,
    certPem: pki.serving.certPem,
    caPem: pki.ca.certPem,
  });
  address = `${server.host}:${server.port}`;
  await writeKubeconfig(kubeconfigPath, {
    clusterName: cluster.config.name,
    server: server.url,
    caPem: pki.ca.certPem,
    clientCertPem: pki.admin.certPem,
    clientKeyPem: pki.admin.keyPem,
    user: 'kubernetes-admin',
    context: `kubernetes-admin@${cluster.config.name}`,
  });
  await cluster.waitUntilReady();
  console.log(`kubelab: API server ready at ${server.url} (kubeconfig: ${kubeconfigPath})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await cluster.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
