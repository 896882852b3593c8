// One lab window: a BrowserWindow with the hardened webPreferences showing the UI at app://kubelab/, registered with
// its HostSession (whose streams it receives on the IPC channel) until it closes.

import { BrowserWindow } from 'electron';
import { IPC_CHANNEL } from '../../engine/protocol/framing.ts';
import type { StreamMessage } from '../../engine/protocol/framing.ts';
import { APP_URL } from './app-origin.ts';
import { secureWebPreferences } from './window-security.ts';
import type { HostCalls, WindowSessions } from './window-sessions.ts';

export interface LabWindowOptions {
  preload: string;
  sessions: WindowSessions;
  /** Opens the window's session; `emit` sends a stream message to this window. */
  openSession(emit: (message: StreamMessage) => void): Promise<HostCalls>;
}

export function openLabWindow(options: LabWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    title: 'kubelab',
    show: false,
    backgroundColor: '#1b1f27',
    webPreferences: secureWebPreferences(options.preload),
  });
  const contents = window.webContents;
  const id = contents.id;
  options.sessions.add(
    id,
    options.openSession((message) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, message);
    }),
  );
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => options.sessions.close(id));
  void window.loadURL(APP_URL);
  return window;
}
