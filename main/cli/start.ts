// `kubelab start` (`npm start`): the lab in the Electron desktop app — its bundles and the UI built first when their
// sources changed — or, when Electron cannot run here, the same UI in the browser (`kubelab web`), announced in one
// line. `--browser` (or KUBELAB_BROWSER=1) asks for the browser; the other flags are `kubelab web`'s.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildDesktopApp } from '../electron/build.mjs';
import { browserAsked, planLaunch } from '../electron/launch-plan.ts';
import { builtRenderer } from '../web/renderer-build.ts';
import { UsageError } from './args.ts';
import { web } from './web.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs Electron on the app until it exits (SIGINT and SIGTERM passed on), then exits with its code. */
async function runElectron(binary: string): Promise<void> {
  const log = (message: string) => console.error(`kubelab: ${message}`);
  const [bundles] = await Promise.all([buildDesktopApp(ROOT), builtRenderer(log)]);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [bundles.main], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  process.exit(code);
}

export async function start(argv: string[]): Promise<void> {
  const browser = browserAsked(argv, process.env);
  const webArgs = argv.filter((arg) => arg !== '--browser');
  if (!browser && webArgs.length > 0) {
    throw new UsageError(`flags other than --browser are for the browser UI (add --browser): ${webArgs.join(' ')}`);
  }
  const plan = await planLaunch({
    root: ROOT,
    browserAsked: browser,
    env: process.env,
    platform: process.platform,
    uid: process.getuid?.(),
  });
  if (plan.mode === 'electron') return runElectron(plan.binary);
  if (plan.notice !== undefined) console.error(plan.notice);
  await web(webArgs);
}
