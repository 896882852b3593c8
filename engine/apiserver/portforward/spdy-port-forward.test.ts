import { describe, expect, it } from 'vitest';
import type { SpdyFrame } from '../httpstream/spdy/spdy-frames.ts';
import { connect } from '../httpstream/spdy/test-spdy-client.ts';
import type { TestClient } from '../httpstream/spdy/test-spdy-client.ts';
import { invalidStreamReason, requestIDOf, servePortForwardStreams } from './spdy-port-forward.ts';
import { refusedMessage, testForwarder } from './test-forwarder.ts';

/** What the server sent on a stream, once it sent FIN there. */
async function streamText(client: TestClient, streamId: number): Promise<string> {
  const ended = (frames: SpdyFrame[]) => frames.some((f) => f.type === 'data' && f.streamId === streamId && f.fin);
  const frames = await client.until(ended);
  return frames
    .filter((f): f is Extract<SpdyFrame, { type: 'data' }> => f.type === 'data' && f.streamId === streamId)
    .map((f) => f.data.toString())
    .join('');
}

function serve(timeoutMs?: number) {
  const { session, client } = connect();
  servePortForwardStreams(session, testForwarder(), timeoutMs);
  return client;
}

const headers = (type: string, port: string, requestid?: string) => ({
  streamtype: [type],
  port: [port],
  ...(requestid === undefined ? {} : { requestid: [requestid] }),
});

describe('port forwarding over SPDY', () => {
  it('connects a request’s data stream to the port once its error stream is there too', async () => {
    const client = serve();
    await client.open(1, headers('error', '80', '0'), true);
    await client.open(3, headers('data', '80', '0'));
    client.send({ type: 'data', streamId: 3, fin: true, data: Buffer.from('GET / HTTP/1.1\r\n\r\n') });
    expect(await streamText(client, 3)).toBe('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nGET /');
    expect(await streamText(client, 1)).toBe('');
  });

  it('pairs the streams of several forwarded connections by request id, in any order', async () => {
    const client = serve();
    await client.open(1, headers('error', '80', '0'), true);
    await client.open(3, headers('error', '80', '1'), true);
    await client.open(5, headers('data', '80', '1'));
    await client.open(7, headers('data', '80', '0'));
    client.send({ type: 'data', streamId: 5, fin: true, data: Buffer.from('GET /one HTTP/1.1\r\n\r\n') });
    client.send({ type: 'data', streamId: 7, fin: true, data: Buffer.from('GET /zero HTTP/1.1\r\n\r\n') });
    expect(await streamText(client, 5)).toMatch(/GET \/one$/);
    expect(await streamText(client, 7)).toMatch(/GET \/zero$/);
  });

  it('writes the runtime’s error on the error stream for a port nothing listens on, and ends both', async () => {
    const client = serve();
    await client.open(1, headers('error', '81', '0'), true);
    await client.open(3, headers('data', '81', '0'));
    expect(await streamText(client, 1)).toBe(refusedMessage(81));
    expect(await streamText(client, 3)).toBe('');
  });

  it('reports a second stream of one type for a request on its error stream', async () => {
    const client = serve();
    await client.open(1, headers('error', '80', '0'), true);
    await client.open(3, headers('error', '80', '0'), true);
    await client.until((frames) => frames.some((f) => f.type === 'rst_stream' && f.streamId === 3));
    await client.open(5, headers('data', '81', '0'));
    expect(await streamText(client, 1)).toBe(
      `error processing stream for request 0: error stream already assigned${refusedMessage(81)}`,
    );
  });

  it('reports a request whose data stream does not come within the creation timeout', async () => {
    const client = serve(1);
    await client.open(1, headers('error', '80', '0'), true);
    await client.until((frames) =>
      frames.some((f) => f.type === 'data' && f.streamId === 1 && f.data.toString().includes('timed out')),
    );
  });

  it('resets a stream without a valid port or type', async () => {
    const client = serve();
    await client.open(1, { streamtype: ['data'] });
    const frames = await client.until((all) => all.some((f) => f.type === 'rst_stream'));
    expect(frames.find((f) => f.type === 'rst_stream')).toMatchObject({ streamId: 1 });
  });

  it.each([
    [{}, '"port" header is required'],
    [{ port: ['http'] }, 'unable to parse "http" as a port'],
    [{ port: ['0'] }, 'port "0" must be > 0'],
    [{ port: ['80'] }, '"streamType" header is required'],
    [{ port: ['80'], streamtype: ['stdin'] }, 'invalid stream type "stdin"'],
    [{ port: ['80'], streamtype: ['data'] }, undefined],
  ])('checks a stream’s headers as the kubelet does: %j', (h: Record<string, string[]>, reason) => {
    expect(invalidStreamReason({ header: (name: string) => h[name]?.[0] })).toBe(reason);
  });

  it('pairs an old client’s streams by consecutive ids when it sends no request id', () => {
    const stream = (id: number, type: string) => ({
      id,
      header: (name: string) => (name === 'streamtype' ? type : undefined),
    });
    expect([requestIDOf(stream(5, 'error')), requestIDOf(stream(7, 'data'))]).toEqual(['5', '5']);
  });
});
