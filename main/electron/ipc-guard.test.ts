import { describe, expect, it } from 'vitest';
import { isTrustedSender, parseBridgeCall } from './ipc-guard.ts';
import type { SenderFacts } from './ipc-guard.ts';

const mainFrame = { processId: 4, routingId: 1, url: 'app://kubelab/#/pods', parent: null };
const ours = new Set([7]);
const isOurWindow = (id: number) => ours.has(id);

function event(overrides: { id?: number; frame?: Partial<typeof mainFrame> | null } = {}): SenderFacts {
  return {
    sender: { id: overrides.id ?? 7, mainFrame },
    senderFrame: overrides.frame === null ? null : { ...mainFrame, ...overrides.frame },
  };
}

describe('isTrustedSender', () => {
  it('accepts the top frame of one of our windows showing the app', () => {
    expect(isTrustedSender(event(), isOurWindow)).toBe(true);
  });

  it.each([
    ['another origin in the top frame', event({ frame: { url: 'https://example.com/' } })],
    ['a look-alike app host', event({ frame: { url: 'app://kubelab.example/' } })],
    ['a file page', event({ frame: { url: 'file:///tmp/index.html' } })],
    ['a subframe of the app', event({ frame: { routingId: 2, parent: mainFrame as never } })],
    ['a frame that is not the main frame', event({ frame: { routingId: 3 } })],
    ['a frame of another renderer process', event({ frame: { processId: 5 } })],
    ['a window that is not ours', event({ id: 8 })],
    ['a frame that is gone', event({ frame: null })],
  ])('refuses %s', (_name, facts) => {
    expect(isTrustedSender(facts, isOurWindow)).toBe(false);
  });
});

describe('parseBridgeCall', () => {
  it('accepts a method of the contract with an object of parameters', () => {
    expect(parseBridgeCall({ method: 'objects.get', params: { ref: { name: 'x' } } })).toEqual({
      type: 'request',
      id: 0,
      method: 'objects.get',
      params: { ref: { name: 'x' } },
    });
  });

  it.each([
    ['an unknown method', { method: 'shell.exec', params: {} }],
    ['a prototype key as method', { method: 'constructor', params: {} }],
    ['a method that is not a string', { method: ['lab.info'], params: {} }],
    ['parameters that are not an object', { method: 'lab.info', params: 'x' }],
    ['parameters as an array', { method: 'lab.info', params: [] }],
    ['missing parameters', { method: 'lab.info' }],
    ['no payload', undefined],
    ['a string payload', 'lab.info'],
  ])('refuses %s', (_name, payload) => {
    expect(parseBridgeCall(payload)).toBeUndefined();
  });
});
