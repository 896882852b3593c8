// A stand-in for the 'electron' module in the main process's tests (`vi.mock('electron', () => import(...))`): the
// few APIs the desktop app uses, recording what they were given so tests can inspect handlers and options.

import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import { vi } from 'vitest';

/** An Electron event: records whether a handler prevented its default. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = { processId: 1, routingId: this.id, url: '', parent: null };
  windowOpenHandler?: (details: { url: string }) => { action: string };
  readonly sent: [channel: string, message: unknown][] = [];
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, message: unknown): void {
    this.sent.push([channel, message]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

let markReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => (markReady = resolve));
const paths = new Map([['appData', '/fake/appData']]);

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  setName: vi.fn(),
  enableSandbox: vi.fn(),
  getPath: (name: string) => paths.get(name) ?? `/fake/${name}`,
  setPath: (name: string, path: string) => void paths.set(name, path),
  requestSingleInstanceLock: () => true,
  whenReady: () => ready,
  quit: vi.fn(),
  exit: vi.fn(),
});

/** Makes the app ready, as Electron does once it has initialised. */
export function fireReady(): void {
  markReady();
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((window) => !window.closed);
  }

  readonly webContents = new FakeWebContents();
  loadedUrl?: string;
  closed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  close(): void {
    this.closed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type Handler = (...args: never[]) => unknown;

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    handlers: new Map<string, Handler>(),
    setPermissionRequestHandler(handler: Handler): void {
      this.handlers.set('permissionRequest', handler);
    },
    setPermissionCheckHandler(handler: Handler): void {
      this.handlers.set('permissionCheck', handler);
    },
    setDevicePermissionHandler(handler: Handler): void {
      this.handlers.set('devicePermission', handler);
    },
    webRequest: {
      onHeadersReceived(listener: Handler): void {
        session.defaultSession.handlers.set('headersReceived', listener);
      },
    },
  },
};

export const ipcMain = {
  handlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
  handle(channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>): void {
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const shell = { openExternal: vi.fn(() => Promise.resolve()) };
export const dialog = { showErrorBox: vi.fn() };
