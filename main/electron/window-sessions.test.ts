import { describe, expect, it, vi } from 'vitest';
import type { HostCalls } from './window-sessions.ts';
import { WindowSessions } from './window-sessions.ts';

function fakeSession() {
  return { call: vi.fn(), close: vi.fn<() => void>() };
}

describe('WindowSessions', () => {
  it('closes a window’s session and forgets the window', async () => {
    const sessions = new WindowSessions();
    const session = fakeSession();
    sessions.add(1, Promise.resolve(session));
    sessions.close(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(session.close).toHaveBeenCalledTimes(1);
    expect([sessions.has(1), sessions.get(1)]).toEqual([false, undefined]);
  });

  it('closes a session that was still opening when its window closed, once it opens', async () => {
    const sessions = new WindowSessions();
    const session = fakeSession();
    let open: (value: HostCalls) => void = () => undefined;
    sessions.add(1, new Promise((resolve) => (open = resolve)));
    sessions.close(1);
    expect(session.close).not.toHaveBeenCalled();
    open(session);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(session.close).toHaveBeenCalledTimes(1);
  });

  it('closes every session on closeAll, and ignores a session that never opened', async () => {
    const sessions = new WindowSessions();
    const first = fakeSession();
    const second = fakeSession();
    sessions.add(1, Promise.resolve(first));
    sessions.add(2, Promise.resolve(second));
    sessions.add(3, Promise.reject(new Error('lab failed')));
    sessions.closeAll();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect([first.close.mock.calls.length, second.close.mock.calls.length]).toEqual([1, 1]);
    expect(sessions.has(3)).toBe(false);
  });
});
