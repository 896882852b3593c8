// The Electron main process's entry (bundled to dist/electron/main.mjs): the desktop app with one lab of three
// worker nodes on a free port, a HostSession per window, the UI from dist/renderer and the preload beside this bundle;
// SIGINT and SIGTERM quit it as closing its windows would.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { HostSession } from '../host/host-session.ts';
import { LabHost } from '../host/lab-host.ts';
import { runDesktopApp } from './desktop-app.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

runDesktopApp({
  rendererDir: join(root, 'dist/renderer'),
  preload: join(root, 'dist/electron/preload.cjs'),
  startLab: (dataDir) =>
    LabHost.start({ nodes: 3, port: 0, dataDir, logger: (line) => console.error(`kubelab: ${line}`) }),
  // A packaged app carries kubectl in its resources (electron-builder's extraResources).
  openSession: (lab, emit) => new HostSession(lab, emit, app.isPackaged ? process.resourcesPath : undefined),
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
