// kubelab's command line: `serve` runs a headless lab, `web` the lab with its UI in a browser, `start` the desktop app.

import { UsageError } from './args.ts';
import { serve } from './serve.ts';
import { start } from './start.ts';
import { web } from './web.ts';

const LAB_USAGE =
  '[--kubeconfig PATH] [--nodes N] [--data-dir DIR] [--store etcd=URL[,URL…]] [--controllers *,-NAME…] [--cni flannel|routed|none] [--proxy-mode iptables|ipvs]';
const USAGE = [
  `usage: kubelab serve [--port N] ${LAB_USAGE}`,
  `       kubelab web [--port N] [--api-port N] ${LAB_USAGE}`,
  `       kubelab start [--browser [web's flags]]   (the desktop app; the browser UI when Electron cannot run)`,
].join('\n');

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'serve') await serve(rest);
  else if (command === 'web') await web(rest);
  else if (command === 'start') await start(rest);
  else {
    console.error(USAGE);
    process.exit(command === undefined || command === 'help' || command === '--help' ? 0 : 2);
  }
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`kubelab: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(`kubelab: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
