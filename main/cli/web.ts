// `kubelab web`: the lab in a browser. Starts a lab as `serve` does, serves the UI and the host contract on
// 127.0.0.1 (`--port`, a free port by default; the API server's port is `--api-port`), and prints the address to
// open, with its token.

import { LabHost } from '../host/lab-host.ts';
import { builtRenderer } from '../web/renderer-build.ts';
import { WebHost } from '../web/web-host.ts';
import { intFlag, parseArgs } from './args.ts';
import { LAB_FLAGS, labOptions, stopOnSignals } from './serve.ts';

export async function web(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { values: [...LAB_FLAGS, 'api-port'] });
  const options = { ...labOptions(args), port: intFlag(args, 'api-port', 6443, 0, 65535) };
  const rendererRoot = await builtRenderer(options.logger!);
  // The page loads while the lab starts; its connection is answered once the lab is up.
  const starting = LabHost.start(options);
  const host = await WebHost.start(starting, { port: intFlag(args, 'port', 0, 0, 65535), rendererRoot });
  console.log(`kubelab: the lab is at ${host.url}`);
  const lab = await starting;
  console.log(`kubelab: API server ready at ${lab.serverUrl} (kubeconfig: ${lab.kubeconfigPath})`);
  stopOnSignals(async () => {
    await host.close();
    await lab.close();
  });
}
