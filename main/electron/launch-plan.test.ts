import { describe, expect, it, vi } from 'vitest';
import type { LaunchFacts } from './launch-plan.ts';
import { browserAsked, planLaunch } from './launch-plan.ts';

function facts(overrides: Partial<LaunchFacts> = {}): LaunchFacts {
  return {
    root: '/checkout',
    browserAsked: false,
    env: { DISPLAY: ':0' },
    platform: 'linux',
    uid: 1000,
    findBinary: () => Promise.resolve({ binary: '/checkout/node_modules/electron/dist/electron' }),
    ...overrides,
  };
}

describe('planLaunch', () => {
  it('runs Electron when its binary is there and a window can open', async () => {
    expect(await planLaunch(facts())).toEqual({
      mode: 'electron',
      binary: '/checkout/node_modules/electron/dist/electron',
    });
  });

  it('serves the browser UI without looking for Electron when asked for it', async () => {
    const findBinary = vi.fn();
    expect(await planLaunch(facts({ browserAsked: true, findBinary }))).toEqual({ mode: 'browser' });
    expect(findBinary).not.toHaveBeenCalled();
  });

  it('says in one line that there is no binary, and why, and serves the browser UI', async () => {
    const plan = await planLaunch(
      facts({ findBinary: () => Promise.resolve({ reason: 'the download failed: fetch failed' }) }),
    );
    expect(plan).toEqual({
      mode: 'browser',
      notice:
        'kubelab: no Electron binary available (the download failed: fetch failed); serving the lab in the browser instead',
    });
  });

  it.each([
    ['Linux without a display', { env: {} }, 'DISPLAY and WAYLAND_DISPLAY are unset'],
    ['root on Linux', { uid: 0 }, 'Electron keeps its sandbox on and does not run as root'],
  ])('serves the browser UI on %s', async (_name, overrides, problem) => {
    expect(await planLaunch(facts(overrides))).toEqual({
      mode: 'browser',
      notice: `kubelab: Electron cannot open a window here (${problem}); serving the lab in the browser instead`,
    });
  });

  it.each([
    ['a Wayland session', { env: { WAYLAND_DISPLAY: 'wayland-0' } }],
    ['macOS, which needs no DISPLAY', { platform: 'darwin' as const, env: {} }],
    ['Windows', { platform: 'win32' as const, env: {}, uid: undefined }],
  ])('runs Electron on %s', async (_name, overrides) => {
    expect(await planLaunch(facts(overrides))).toMatchObject({ mode: 'electron' });
  });
});

describe('browserAsked', () => {
  it.each([
    ['--browser', ['--port', '8080', '--browser'], {}, true],
    ['KUBELAB_BROWSER=1', [], { KUBELAB_BROWSER: '1' }, true],
    ['neither', ['--port', '8080'], { KUBELAB_BROWSER: '0' }, false],
  ])('reads %s', (_name, argv, env, asked) => {
    expect(browserAsked(argv, env)).toBe(asked);
  });
});
