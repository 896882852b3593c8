// How `kubelab start` shows the lab: in the Electron desktop app when an Electron binary can be had and can open a
// window here, else in the browser (`kubelab web`) with one line saying why. `--browser` or KUBELAB_BROWSER=1 asks
// for the browser outright.

import { findElectronBinary } from './electron-binary.ts';
import type { ElectronBinary } from './electron-binary.ts';

export type LaunchPlan = { mode: 'electron'; binary: string } | { mode: 'browser'; notice?: string };

export interface LaunchFacts {
  root: string;
  browserAsked: boolean;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The user id (undefined on Windows). */
  uid: number | undefined;
  findBinary?: (root: string, env: NodeJS.ProcessEnv) => Promise<ElectronBinary>;
}

/** Why Electron could not open a window here, or undefined when it can. */
function windowProblem(facts: Pick<LaunchFacts, 'env' | 'platform' | 'uid'>): string | undefined {
  if (facts.platform !== 'linux') return undefined;
  if (!facts.env.DISPLAY && !facts.env.WAYLAND_DISPLAY) return 'DISPLAY and WAYLAND_DISPLAY are unset';
  if (facts.uid === 0) return 'Electron keeps its sandbox on and does not run as root';
  return undefined;
}

const INSTEAD = 'serving the lab in the browser instead';

/** Whether the browser UI is asked for outright: `--browser` among the arguments, or KUBELAB_BROWSER=1. */
export function browserAsked(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes('--browser') || env.KUBELAB_BROWSER === '1';
}

export async function planLaunch(facts: LaunchFacts): Promise<LaunchPlan> {
  if (facts.browserAsked) return { mode: 'browser' };
  const found = await (facts.findBinary ?? findElectronBinary)(facts.root, facts.env);
  if ('reason' in found)
    return { mode: 'browser', notice: `kubelab: no Electron binary available (${found.reason}); ${INSTEAD}` };
  const problem = windowProblem(facts);
  if (problem !== undefined)
    return { mode: 'browser', notice: `kubelab: Electron cannot open a window here (${problem}); ${INSTEAD}` };
  return { mode: 'electron', binary: found.binary };
}
