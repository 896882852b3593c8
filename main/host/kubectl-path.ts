// Which kubectl a lab terminal runs: the one bundled with a packaged app (electron-builder's extraResources put it
// beside the app's resources), else the first on PATH, else none — and then the terminal says so.

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const EXECUTABLE = process.platform === 'win32' ? 'kubectl.exe' : 'kubectl';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The kubectl to use: bundled (`<resources>/kubectl/kubectl`) first, then PATH's; undefined when there is none. */
export function findKubectl(env: NodeJS.ProcessEnv = process.env, resourcesPath?: string): string | undefined {
  const candidates = [
    ...(resourcesPath ? [join(resourcesPath, 'kubectl', EXECUTABLE)] : []),
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, EXECUTABLE)),
  ];
  return candidates.find(isExecutable);
}
