// A stand-in for the 'electron' module when the bundled main process (dist/electron/main.mjs) runs under plain Node
// in bundle.test.ts: it plays the app's life — ready, one window, a few IPC requests from that window, quit — and
// prints what happened as JSON lines (`{"step": …}`) for the test to read. Loaded through electron-loader.mjs.

import { EventEmitter } from 'node:events';
import { setTimeout } from 'node:timers';

const report = (step, value) => console.log(JSON.stringify({ step, value }));
const windows = [];
const handlers = { scheme: undefined, ipc: undefined };
const paths = { appData: process.env.KUBELAB_STUB_APP_DATA };

class WebContents extends EventEmitter {
  id = 1;
  mainFrame = { processId: 1, routingId: 1, url: '', parent: null };
  setWindowOpenHandler() {}
  send(channel, message) {
    if (message.event?.type === 'SYNCED') report('stream-synced', { channel, stream: message.stream });
  }
  isDestroyed() {
    return false;
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return windows;
  }
  webContents = new WebContents();
  constructor(options) {
    super();
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
    report('window', options.webPreferences);
  }
  async loadURL(url) {
    this.webContents.mainFrame.url = url;
    setTimeout(() => void drive(this), 0);
  }
  show() {}
}

async function drive(window) {
  const page = await handlers.scheme(new globalThis.Request('app://kubelab/'));
  report('page', { status: page.status, csp: page.headers.get('content-security-policy') });
  const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  const ask = (method, params) => handlers.ipc(event, { method, params });
  report('lab.info', await ask('lab.info', {}));
  report('bad-method', await ask('shell.exec', {}));
  const nodes = await ask('objects.list', { ref: { group: '', version: 'v1', resource: 'nodes' } });
  report('nodes', nodes.result?.items.map((node) => node.metadata.name) ?? nodes);
  report('watch', await ask('watch.open', { ref: { group: '', version: 'v1', resource: 'namespaces' } }));
  window.emit('closed');
  app.quit();
}

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  setName() {},
  enableSandbox() {},
  getPath: (name) => paths[name],
  setPath: (name, path) => void (paths[name] = path),
  requestSingleInstanceLock: () => true,
  whenReady: () => new Promise((resolve) => setTimeout(resolve, 0)),
  quit() {
    app.emit('will-quit', { preventDefault() {} });
  },
  exit(code) {
    report('exit', code);
    process.exit(code);
  },
});

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => report('privileged', schemes),
  handle: (_scheme, handler) => void (handlers.scheme = handler),
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
    webRequest: { onHeadersReceived() {} },
  },
};
export const ipcMain = { handle: (_channel, handler) => void (handlers.ipc = handler), removeHandler() {} };
export const shell = { openExternal: async () => {} };
export const dialog = { showErrorBox: (title, message) => report('error-box', message) };
