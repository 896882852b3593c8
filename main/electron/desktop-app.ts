// The desktop app's main process: registers the app:// scheme before the app is ready; once ready, hardens the
// session and every WebContents, serves the UI, answers IPC, starts the lab (one engine, its data under the app's
// userData folder) and opens a window on it. Quitting closes every window's session and then the lab (flushing its
// store) before the process exits. One instance runs at a time, since two would share the lab's data directory.

import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import type { StreamMessage } from '../../engine/protocol/framing.ts';
import { handleAppScheme, registerAppScheme } from './app-scheme.ts';
import { installIpcHost } from './ipc-host.ts';
import { openLabWindow } from './lab-window.ts';
import { hardenSession } from './session-security.ts';
import { hardenWebContents } from './window-security.ts';
import { WindowSessions } from './window-sessions.ts';
import type { HostCalls } from './window-sessions.ts';

export interface DesktopAppOptions<Lab extends { close(): Promise<void> }> {
  /** The built UI (dist/renderer). */
  rendererDir: string;
  /** The bundled preload script. */
  preload: string;
  startLab(dataDir: string): Promise<Lab>;
  openSession(lab: Lab, emit: (message: StreamMessage) => void): HostCalls;
}

export function runDesktopApp<Lab extends { close(): Promise<void> }>(options: DesktopAppOptions<Lab>): void {
  app.setName('kubelab');
  app.setPath('userData', join(app.getPath('appData'), 'kubelab'));
  // Every renderer sandboxed, whatever its webPreferences say.
  app.enableSandbox();
  registerAppScheme(protocol);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const sessions = new WindowSessions();
  let lab: Promise<Lab> | undefined;
  const openWindow = (running: Promise<Lab>) =>
    openLabWindow({
      preload: options.preload,
      sessions,
      openSession: async (emit) => options.openSession(await running, emit),
    });
  /** The first window, brought forward, or a new one when none is open (macOS keeps the app without windows). */
  const showWindow = () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window === undefined) {
      if (lab !== undefined) openWindow(lab);
      return;
    }
    if (window.isMinimized()) window.restore();
    window.focus();
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));
  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    handleAppScheme(protocol, options.rendererDir);
    installIpcHost(ipcMain, sessions);
    lab = options.startLab(join(app.getPath('userData'), 'labs', 'default'));
    lab.catch((error: unknown) => {
      dialog.showErrorBox(
        'kubelab',
        `The lab could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
      app.exit(1);
    });
    openWindow(lab);
  });
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let stopping = false;
  app.on('will-quit', (event) => {
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    sessions.closeAll();
    void Promise.resolve(lab?.then((running) => running.close()))
      .catch((error: unknown) => console.error(`kubelab: stopping the lab failed: ${String(error)}`))
      .finally(() => app.exit(0));
  });
}
