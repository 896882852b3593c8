import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../engine/protocol/framing.ts';
import type { StreamMessage } from '../../engine/protocol/framing.ts';
import { CONTENT_SECURITY_POLICY } from '../host/content-security-policy.ts';
import { runDesktopApp } from './desktop-app.ts';
import * as electron from './testing/fake-electron.ts';
import { FakeEvent, FakeWebContents } from './testing/fake-electron.ts';

vi.mock('electron', () => import('./testing/fake-electron.ts'));

const lab = { close: vi.fn(() => Promise.resolve()) };
const hostSession = { call: vi.fn((method: string) => Promise.resolve({ method })), close: vi.fn() };
const startLab = vi.fn((_dataDir: string) => Promise.resolve(lab));
let emit: (message: StreamMessage) => void = () => undefined;
let privilegedBeforeReady: unknown[] = [];
let sandboxedBeforeReady = false;
let window: electron.BrowserWindow;
let contents: FakeWebContents;

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'kubelab-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>kubelab</title>');
  runDesktopApp({
    rendererDir,
    preload: '/bundle/preload.cjs',
    startLab,
    openSession: (_lab, sink) => {
      emit = sink;
      return hostSession;
    },
  });
  privilegedBeforeReady = [...electron.protocol.privileged];
  sandboxedBeforeReady = electron.app.enableSandbox.mock.calls.length === 1;
  electron.fireReady();
  await flush();
  window = electron.BrowserWindow.instances[0]!;
  contents = window.webContents;
});

function trustedEvent(from: FakeWebContents = contents) {
  return { sender: from, senderFrame: from.mainFrame };
}

function ipc(event: unknown, payload: unknown) {
  return electron.ipcMain.handlers.get(IPC_CHANNEL)!(event, payload);
}

describe('the desktop app', () => {
  it('registers app:// as a standard, secure scheme before the app is ready, with no CSP bypass', () => {
    expect(privilegedBeforeReady).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
  });

  it('sandboxes every renderer of the app before it is ready', () => {
    expect(sandboxedBeforeReady).toBe(true);
  });

  it('starts one lab with its data under the userData folder', () => {
    expect(startLab).toHaveBeenCalledTimes(1);
    expect(startLab.mock.calls[0]![0]).toBe(join('/fake/appData', 'kubelab', 'labs', 'default'));
  });

  it('opens one window on app://kubelab/ with every security setting of its webPreferences', () => {
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(window.loadedUrl).toBe('app://kubelab/');
    expect(window.options.webPreferences).toEqual({
      preload: '/bundle/preload.cjs',
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
    });
  });

  describe.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('on %s', (eventName) => {
    it.each([
      ['an https page', 'https://example.com/', true],
      ['a file', 'file:///etc/passwd', true],
      ['a look-alike host', 'app://kubelab.example/', true],
      ['a javascript: URL', 'javascript:alert(1)', true],
      ['the app itself', 'app://kubelab/#/pods', false],
    ])('navigating to %s is prevented: %s → %s', (_name, url, prevented) => {
      const event = new FakeEvent(url);
      contents.emit(eventName, event);
      expect(event.defaultPrevented).toBe(prevented);
    });
  });

  it('denies every new window and hands only vetted https links to the system browser', () => {
    electron.shell.openExternal.mockClear();
    for (const url of ['https://kubernetes.io/docs/', 'http://kubernetes.io/', 'file:///etc', 'app://kubelab/x']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://kubernetes.io/docs/']]);
  });

  it('prevents attaching a <webview>', () => {
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('hardens every other WebContents created later the same way', () => {
    const other = new FakeWebContents();
    electron.app.emit('web-contents-created', new FakeEvent(), other);
    const navigation = new FakeEvent('https://example.com/');
    other.emit('will-navigate', navigation);
    const attach = new FakeEvent();
    other.emit('will-attach-webview', attach, {}, {});
    expect([navigation.defaultPrevented, attach.defaultPrevented]).toEqual([true, true]);
    expect(other.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    const handlers = electron.session.defaultSession.handlers;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      (handlers.get('permissionRequest') as (...args: unknown[]) => void)(contents, permission, callback, {});
      expect(callback.mock.calls).toEqual([[false]]);
      expect((handlers.get('permissionCheck') as (...args: unknown[]) => boolean)(contents, permission, '', {})).toBe(
        false,
      );
    }
    expect((handlers.get('devicePermission') as (...args: unknown[]) => boolean)({ deviceType: 'usb' })).toBe(false);
  });

  it('replaces any Content-Security-Policy of a response with the UI’s', () => {
    const callback = vi.fn();
    const listener = electron.session.defaultSession.handlers.get('headersReceived') as (...args: unknown[]) => void;
    listener({ responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, callback);
    expect(callback.mock.calls).toEqual([
      [{ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }],
    ]);
  });

  it('serves the UI on the app scheme with the CSP header', async () => {
    const response = await electron.protocol.handlers.get('app')!(new Request('app://kubelab/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>kubelab</title>');
  });

  it('answers IPC requests of the window through its HostSession', async () => {
    expect(await ipc(trustedEvent(), { method: 'lab.info', params: {} })).toEqual({ result: { method: 'lab.info' } });
    expect(hostSession.call).toHaveBeenCalledWith('lab.info', {});
  });

  it('refuses IPC from a subframe of the window', async () => {
    const subframe = { ...contents.mainFrame, routingId: 999, parent: contents.mainFrame };
    const answer = await ipc({ sender: contents, senderFrame: subframe }, { method: 'lab.info', params: {} });
    expect(answer).toMatchObject({ error: { code: 403 } });
  });

  it('sends the session’s stream messages to its window on the IPC channel', () => {
    const message: StreamMessage = { type: 'stream', stream: 's1', event: { kind: 'logs', text: 'hello' } };
    emit(message);
    expect(contents.sent).toEqual([[IPC_CHANNEL, message]]);
  });

  it('closes the session when its window closes, and refuses its IPC afterwards', async () => {
    window.close();
    await flush();
    expect(hostSession.close).toHaveBeenCalledTimes(1);
    expect(await ipc(trustedEvent(), { method: 'lab.info', params: {} })).toMatchObject({ error: { code: 403 } });
  });

  it('opens a new, equally hardened window on the same lab when activated with none open', async () => {
    electron.app.emit('activate');
    await flush();
    const [second] = electron.BrowserWindow.getAllWindows();
    expect(second?.options.webPreferences).toEqual(window.options.webPreferences);
    expect(startLab).toHaveBeenCalledTimes(1);
    expect(await ipc(trustedEvent(second!.webContents), { method: 'lab.info', params: {} })).toEqual({
      result: { method: 'lab.info' },
    });
    second!.close();
  });

  it('quits when the last window closes, and closes the lab before the process exits', async () => {
    electron.app.emit('window-all-closed');
    if (process.platform !== 'darwin') expect(electron.app.quit).toHaveBeenCalled();
    const event = new FakeEvent();
    electron.app.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await flush();
    expect(lab.close).toHaveBeenCalledTimes(1);
    expect(electron.app.exit).toHaveBeenCalledWith(0);
  });
});
