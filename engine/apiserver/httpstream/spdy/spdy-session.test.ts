import { describe, expect, it } from 'vitest';
import type { SpdyFrame } from './spdy-frames.ts';
import type { SpdyStream } from './spdy-stream.ts';
import { KUBECTL_EXEC_BYTES } from './test-frames.ts';
import { connect } from './test-spdy-client.ts';

const has =
  (type: SpdyFrame['type'], count = 1) =>
  (frames: SpdyFrame[]) =>
    frames.filter((f) => f.type === type).length >= count;

function readAll(stream: SpdyStream): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    stream.on('end', () => resolve(text));
  });
}

describe('SPDY session', () => {
  it('accepts each stream the client opens with an empty SYN_REPLY and hands it out with its headers', async () => {
    const { client, streams } = connect();
    await client.open(1, { streamtype: ['error'] });
    const frames = await client.until(has('syn_reply'));
    expect(frames[0]).toMatchObject({ type: 'syn_reply', streamId: 1, fin: false, headers: {} });
    expect(streams.map((s) => [s.id, s.header('streamtype')])).toEqual([[1, 'error']]);
  });

  it('serves what kubectl sends: its streams by type, stdin with its data and end', async () => {
    const { client, streams } = connect();
    client.socket.write(KUBECTL_EXEC_BYTES.subarray(0, KUBECTL_EXEC_BYTES.length - 16));
    await client.until(has('syn_reply', 4));
    expect(streams.map((s) => s.header('streamtype'))).toEqual(['error', 'stdin', 'stdout', 'stderr']);
    expect(await readAll(streams[1]!)).toBe('x');
  });

  it('passes the client’s data to the stream and ends it at FIN, granting window as it is read', async () => {
    const { client, streams } = connect();
    await client.open(1, { streamtype: ['stdin'] });
    await client.until(has('syn_reply'));
    client.send({ type: 'data', streamId: 1, fin: false, data: Buffer.from('hello ') });
    client.send({ type: 'data', streamId: 1, fin: true, data: Buffer.from('world') });
    expect(await readAll(streams[0]!)).toBe('hello world');
    const frames = await client.until(has('window_update'));
    expect(frames.find((f) => f.type === 'window_update')).toMatchObject({ streamId: 1 });
  });

  it('sends what is written as DATA frames, cut to 32 KiB, and FIN when the stream ends', async () => {
    const { client, streams } = connect();
    await client.open(1, { streamtype: ['stdout'] });
    await client.until(has('syn_reply'));
    streams[0]!.end(Buffer.alloc(40 * 1024, 'a'));
    const frames = await client.until((fs) => fs.some((f) => f.type === 'data' && f.fin));
    expect(frames.filter((f) => f.type === 'data').map((f) => [f.data.length, f.fin])).toEqual([
      [32 * 1024, false],
      [8 * 1024, false],
      [0, true],
    ]);
  });

  it('answers the client’s pings (odd ids) and not others', async () => {
    const { client } = connect();
    client.send({ type: 'ping', id: 2 });
    client.send({ type: 'ping', id: 1 });
    const frames = await client.until(has('ping'));
    expect(frames.filter((f) => f.type === 'ping')).toEqual([{ type: 'ping', id: 1 }]);
  });

  it('ends a stream the client resets without resetting it back', async () => {
    const { client, streams } = connect();
    await client.open(1, { streamtype: ['stdout'] });
    await client.until(has('syn_reply'));
    const closed = new Promise((resolve) => streams[0]!.once('close', resolve));
    client.send({ type: 'rst_stream', streamId: 1, status: 5 });
    await closed;
    client.send({ type: 'ping', id: 1 });
    const frames = await client.until(has('ping'));
    expect(frames.some((f) => f.type === 'rst_stream')).toBe(false);
  });

  it('resets a stream destroyed while still open', async () => {
    const { client, streams } = connect();
    await client.open(1, { streamtype: ['stdin'] });
    await client.until(has('syn_reply'));
    streams[0]!.destroy();
    const frames = await client.until(has('rst_stream'));
    expect(frames.find((f) => f.type === 'rst_stream')).toEqual({ type: 'rst_stream', streamId: 1, status: 5 });
  });

  it('resets data sent on a stream it does not know', async () => {
    const { client } = connect();
    client.send({ type: 'data', streamId: 9, fin: false, data: Buffer.from('?') });
    const frames = await client.until(has('rst_stream'));
    expect(frames.find((f) => f.type === 'rst_stream')).toEqual({ type: 'rst_stream', streamId: 9, status: 2 });
  });

  it('goes away with a protocol error when stream ids do not increase', async () => {
    const { client, session } = connect();
    const closed = new Promise<void>((resolve) => session.once('close', resolve));
    await client.open(3, { streamtype: ['error'] });
    await client.open(1, { streamtype: ['stdin'] });
    const frames = await client.until(has('goaway'));
    expect(frames.find((f) => f.type === 'goaway')).toMatchObject({ type: 'goaway', lastGoodStreamId: 3, status: 1 });
    await client.ended;
    client.socket.end();
    await closed;
  });

  it('closes by ending its open streams, then GOAWAY with the last stream, then the socket', async () => {
    const { client, session } = connect();
    await client.open(1, { streamtype: ['error'] });
    await client.open(3, { streamtype: ['stdout'] });
    await client.until(has('syn_reply', 2));
    session.close();
    await client.ended;
    const tail = client.received.slice(2).map((f) => (f.type === 'data' ? `fin ${f.streamId}` : f.type));
    expect(tail).toEqual(['fin 1', 'fin 3', 'goaway']);
    expect(client.received.at(-1)).toEqual({ type: 'goaway', lastGoodStreamId: 3, status: 0, headers: undefined });
  });

  it('refuses streams opened after the client went away', async () => {
    const { client, streams } = connect();
    client.send({ type: 'goaway', lastGoodStreamId: 0, status: 0 });
    await client.open(1, { streamtype: ['error'] });
    const frames = await client.until(has('rst_stream'));
    expect(frames.find((f) => f.type === 'rst_stream')).toEqual({ type: 'rst_stream', streamId: 1, status: 3 });
    expect(streams).toEqual([]);
  });
});
