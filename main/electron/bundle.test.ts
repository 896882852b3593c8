import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../engine/protocol/framing.ts';
import { HOST_METHOD_NAMES } from '../../engine/protocol/host-api.ts';
import { CONTENT_SECURITY_POLICY } from '../host/content-security-policy.ts';
import { buildDesktopApp } from './build.mjs';
import type { DesktopBundles } from './build.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let bundles: DesktopBundles;

beforeAll(async () => {
  bundles = await buildDesktopApp(ROOT);
});

/** Runs the main bundle under Node with 'electron' stubbed; answers the steps the stub reported. */
async function runMainBundle(): Promise<Map<string, unknown>> {
  const loader = pathToFileURL(join(ROOT, 'main/electron/testing/electron-loader.mjs')).href;
  const hooks = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(loader)})`;
  const env = { ...process.env, KUBELAB_STUB_APP_DATA: await mkdtemp(join(tmpdir(), 'kubelab-appdata-')) };
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--import', hooks, bundles.main], { env, timeout: 90_000 }, (error, out, err) =>
      error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
    ),
  );
  const steps = new Map<string, unknown>();
  for (const line of stdout.split('\n').filter((text) => text.startsWith('{"step"'))) {
    const { step, value } = JSON.parse(line) as { step: string; value: unknown };
    steps.set(step, value);
  }
  return steps;
}

describe('the bundled desktop app', () => {
  it('runs the main process: a lab, a hardened window, the UI with its CSP, IPC, streams, and a clean exit', async () => {
    const steps = await runMainBundle();
    expect(steps.get('privileged')).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
    expect(steps.get('window')).toMatchObject({ preload: bundles.preload, sandbox: true, contextIsolation: true });
    expect(steps.get('page')).toMatchObject({ csp: CONTENT_SECURITY_POLICY });
    expect(steps.get('lab.info')).toMatchObject({ result: { name: 'kubelab' } });
    expect(steps.get('bad-method')).toMatchObject({ error: { code: 400 } });
    expect(steps.get('nodes')).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(steps.get('watch')).toEqual({ result: { stream: 'watch-1' } });
    expect(steps.get('stream-synced')).toEqual({ channel: IPC_CHANNEL, stream: 'watch-1' });
    expect(steps.get('exit')).toBe(0);
  }, 120_000);

  it('has a preload that runs with nothing but require("electron") and exposes window.kubelab', async () => {
    const exposed = new Map<string, Record<string, unknown>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: () => Promise.resolve({ result: {} }),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const requireOnlyElectron = (name: string) => {
      if (name !== 'electron') throw new Error(`the preload required ${name}`);
      return electron;
    };
    runInNewContext(await readFile(bundles.preload, 'utf8'), { require: requireOnlyElectron });
    expect([...exposed.keys()]).toEqual(['kubelab']);
    expect(Object.keys(exposed.get('kubelab')!).sort()).toEqual([...HOST_METHOD_NAMES, 'onStream'].sort());
  });
});
