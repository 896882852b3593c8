// `kubelab serve`: a headless lab. Starts a cluster with a control-plane node and `--nodes` workers (3 by default),
// serves its API over HTTPS on 127.0.0.1, writes an admin kubeconfig, prints a line with "ready" once the nodes are
// Ready and the system pods Running, and on SIGINT/SIGTERM flushes the store and exits 0.

import { LabHost } from '../host/lab-host.ts';
import type { LabOptions } from '../host/lab-host.ts';
import { CNI_NAMES, PROXY_MODES } from '../../engine/network/lab/network-lab.ts';
import { choiceFlag, intFlag, parseArgs } from './args.ts';
import type { ParsedArgs } from './args.ts';

/** The flags every command that starts a lab takes. */
export const LAB_FLAGS = ['kubeconfig', 'port', 'nodes', 'data-dir', 'store', 'controllers', 'cni', 'proxy-mode'];

export function labOptions(args: ParsedArgs, defaultPort = 6443): LabOptions {
  return {
    port: intFlag(args, 'port', defaultPort, 0, 65535),
    nodes: intFlag(args, 'nodes', 3, 0, 5000),
    dataDir: args.flags.get('data-dir'),
    kubeconfigPath: args.flags.get('kubeconfig'),
    store: args.flags.get('store'),
    controllers: args.flags.get('controllers')?.split(','),
    cni: choiceFlag(args, 'cni', [...CNI_NAMES, 'none'] as const),
    proxyMode: choiceFlag(args, 'proxy-mode', PROXY_MODES),
    logger: (message) => console.error(`kubelab: ${message}`),
  };
}

/** Stops the lab (and whatever else `onStop` closes) on SIGINT/SIGTERM, then exits 0. */
export function stopOnSignals(onStop: () => Promise<void>): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await onStop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

export async function serve(argv: string[]): Promise<void> {
  const lab = await LabHost.start(labOptions(parseArgs(argv, { values: LAB_FLAGS })));
  await lab.waitUntilReady();
  console.log(`kubelab: API server ready at ${lab.serverUrl} (kubeconfig: ${lab.kubeconfigPath})`);
  stopOnSignals(() => lab.close());
}
