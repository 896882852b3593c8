// The hardening of every web page the app shows, as Electron's security checklist asks: the window's webPreferences
// (isolated, sandboxed, no Node anywhere, web security on) and, for every WebContents the app creates, navigation
// away from the app's origin blocked, new windows denied (vetted https links go to the system browser instead) and
// <webview> attachment prevented.

import type { Shell, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './app-origin.ts';
import { openExternalIfVetted } from './external-links.ts';

/** The webPreferences of a lab window; `preload` is the bundled, sandbox-compatible preload script. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Installs the navigation, window-opening and webview guards on one WebContents. */
export function hardenWebContents(contents: HardenedContents, shell: Pick<Shell, 'openExternal'>): void {
  const stayInApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfVetted(shell, url);
    return { action: 'deny' };
  });
}
