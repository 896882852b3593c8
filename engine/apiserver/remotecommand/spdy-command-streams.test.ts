import { describe, expect, it } from 'vitest';
import type { ExecOptions } from '../../node/kubelet-api.ts';
import { connect } from '../httpstream/spdy/test-spdy-client.ts';
import type { SpdyFrame } from '../httpstream/spdy/spdy-frames.ts';
import { spdyCommandStreams } from './spdy-command-streams.ts';

const options = (o: Partial<ExecOptions>): ExecOptions => ({
  container: 'web',
  stdin: false,
  stdout: false,
  stderr: false,
  tty: false,
  ...o,
});

/** A session whose client opens streams of the given types, and the command streams taken from it. */
function openStreams(types: string[], protocol: string, o: Partial<ExecOptions>, timeoutMs?: number) {
  const { session, client } = connect();
  const streams = spdyCommandStreams(session, protocol, options(o), timeoutMs);
  void (async () => {
    let id = 1;
    for (const type of types) {
      await client.open(id, { streamtype: [type] });
      id += 2;
    }
  })();
  return { session, client, streams };
}

const dataOn = (frames: SpdyFrame[], streamId: number) =>
  Buffer.concat(frames.flatMap((f) => (f.type === 'data' && f.streamId === streamId ? [f.data] : []))).toString();

describe('exec and attach over SPDY streams', () => {
  it('takes the streams kubectl opens, by type', async () => {
    const opened = openStreams(['error', 'stdin', 'stdout', 'stderr'], 'v4.channel.k8s.io', {
      stdin: true,
      stdout: true,
      stderr: true,
    });
    const streams = await opened.streams;
    expect([!!streams.stdin, !!streams.stdout, !!streams.stderr, !!streams.resize]).toEqual([true, true, true, false]);
    opened.session.destroy();
  });

  it.each([
    ['v4', 'v4.channel.k8s.io', true],
    ['v3', 'v3.channel.k8s.io', true],
    ['v2', 'v2.channel.k8s.io', false],
  ])('expects a resize stream with a TTY from %s', async (_, protocol, resizes) => {
    const types = ['error', 'stdin', 'stdout', ...(resizes ? ['resize'] : [])];
    const opened = openStreams(types, protocol, { stdin: true, stdout: true, tty: true });
    expect(!!(await opened.streams).resize).toBe(resizes);
    opened.session.destroy();
  });

  it('gives up on a client that does not open its streams in time', async () => {
    const opened = openStreams(['error'], 'v4.channel.k8s.io', { stdout: true }, 20);
    const closed = new Promise<void>((resolve) => opened.session.once('close', resolve));
    await expect(opened.streams).rejects.toThrow('timed out waiting for client to create streams');
    await closed;
  });

  it('ends with the JSON status on the error stream (v4), then goes away', async () => {
    const opened = openStreams(['error', 'stdout'], 'v4.channel.k8s.io', { stdout: true });
    const { client } = opened;
    const streams = await opened.streams;
    streams.stdout!.end('hi\n');
    await streams.finish({ metadata: {}, status: 'Success' });
    const frames = await client.until((fs) => fs.some((f) => f.type === 'goaway'));
    expect(dataOn(frames, 1)).toBe('{"metadata":{},"status":"Success"}');
    expect(dataOn(frames, 3)).toBe('hi\n');
  });

  it('sends only a failure’s message before v4', async () => {
    const opened = openStreams(['error', 'stdout'], 'v2.channel.k8s.io', { stdout: true });
    const { client } = opened;
    const streams = await opened.streams;
    streams.stdout!.end();
    await streams.finish({ metadata: {}, status: 'Failure', message: 'command terminated with non-zero exit code' });
    const frames = await client.until((fs) => fs.some((f) => f.type === 'goaway'));
    expect(dataOn(frames, 1)).toBe('command terminated with non-zero exit code');
  });
});
