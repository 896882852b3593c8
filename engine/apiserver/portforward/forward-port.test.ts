import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { forwardPort, portForwardErrorMessage } from './forward-port.ts';
import { refusedMessage, testForwarder } from './test-forwarder.ts';

describe('forwarding one connection', () => {
  it('copies the client’s bytes to the program and its answer back until the program closes', async () => {
    const fromClient = new PassThrough();
    const toClient = new PassThrough();
    let answer = '';
    toClient.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const forwarding = forwardPort(testForwarder(), 80, Duplex.from({ readable: fromClient, writable: toClient }));
    fromClient.write('GET /x HTTP/1.1\r\nConnection: close\r\n\r\n');
    await forwarding;
    expect(answer).toBe('HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nGET /x');
  });

  it('rejects with the runtime’s error when nothing listens, worded as the kubelet reports it', async () => {
    const forwarder = testForwarder();
    const failure = await forwardPort(forwarder, 81, new PassThrough()).catch((error: unknown) => error);
    expect(portForwardErrorMessage(forwarder, 81, failure)).toBe(refusedMessage(81));
  });
});
