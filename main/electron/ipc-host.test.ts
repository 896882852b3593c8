import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../engine/protocol/framing.ts';
import { HostFailure } from '../host/host-session.ts';
import { answerIpcRequest, installIpcHost } from './ipc-host.ts';
import type { HostCalls } from './window-sessions.ts';
import { WindowSessions } from './window-sessions.ts';

const mainFrame = { processId: 1, routingId: 1, url: 'app://kubelab/', parent: null };
const trusted = { sender: { id: 3, mainFrame }, senderFrame: mainFrame };

function sessionsWith(call: HostCalls['call']): WindowSessions {
  const sessions = new WindowSessions();
  sessions.add(3, Promise.resolve({ call, close: () => undefined }));
  return sessions;
}

describe('answerIpcRequest', () => {
  it('answers a trusted request with the session’s result', async () => {
    const call = vi.fn(() => Promise.resolve({ items: [] }));
    const answer = await answerIpcRequest(sessionsWith(call as never), trusted, { method: 'objects.list', params: {} });
    expect(answer).toEqual({ result: { items: [] } });
    expect(call).toHaveBeenCalledWith('objects.list', {});
  });

  it('answers a HostFailure with its HostError, intact', async () => {
    const error = { code: 404, reason: 'NotFound', message: 'pods "x" not found' };
    const sessions = sessionsWith(() => Promise.reject(new HostFailure(error)));
    expect(await answerIpcRequest(sessions, trusted, { method: 'objects.get', params: {} })).toEqual({ error });
  });

  it('answers any other failure as an InternalError', async () => {
    const sessions = sessionsWith(() => Promise.reject(new Error('boom')));
    expect(await answerIpcRequest(sessions, trusted, { method: 'lab.info', params: {} })).toEqual({
      error: { code: 500, reason: 'InternalError', message: 'boom' },
    });
  });

  it('answers a request of a window whose lab failed to start with that failure', async () => {
    const sessions = new WindowSessions();
    sessions.add(3, Promise.reject(new Error('port in use')));
    expect(await answerIpcRequest(sessions, trusted, { method: 'lab.info', params: {} })).toMatchObject({
      error: { code: 500, message: 'port in use' },
    });
  });

  it('refuses an untrusted sender without calling the session', async () => {
    const call = vi.fn();
    const event = { ...trusted, senderFrame: { ...mainFrame, url: 'https://example.com/' } };
    expect(await answerIpcRequest(sessionsWith(call), event, { method: 'lab.info', params: {} })).toMatchObject({
      error: { code: 403, reason: 'Forbidden' },
    });
    expect(call).not.toHaveBeenCalled();
  });

  it('refuses a malformed request without calling the session', async () => {
    const call = vi.fn();
    expect(await answerIpcRequest(sessionsWith(call), trusted, { method: 'eval', params: {} })).toMatchObject({
      error: { code: 400, reason: 'BadRequest' },
    });
    expect(call).not.toHaveBeenCalled();
  });
});

describe('installIpcHost', () => {
  it('handles the contract’s channel until removed', () => {
    const handlers = new Map<string, unknown>();
    const ipcMain = {
      handle: (channel: string, handler: unknown) => void handlers.set(channel, handler),
      removeHandler: (channel: string) => void handlers.delete(channel),
    };
    const remove = installIpcHost(ipcMain, new WindowSessions());
    expect([...handlers.keys()]).toEqual([IPC_CHANNEL]);
    remove();
    expect(handlers.size).toBe(0);
  });
});
