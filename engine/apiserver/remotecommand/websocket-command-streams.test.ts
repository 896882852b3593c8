import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { ExecOptions } from '../../node/kubelet-api.ts';
import { REMOTE_COMMAND_PROTOCOLS } from '../httpstream/websocket/channel-protocols.ts';
import { webSocketPair } from '../httpstream/websocket/test-websocket-server.ts';
import { webSocketCommandStreams } from './websocket-command-streams.ts';

const options = (o: Partial<ExecOptions>): ExecOptions => ({
  container: 'web',
  stdin: false,
  stdout: false,
  stderr: false,
  tty: false,
  ...o,
});

function received(client: WebSocket): { messages: Buffer[]; closed: Promise<number> } {
  const messages: Buffer[] = [];
  client.on('message', (data: Buffer) => messages.push(data));
  return { messages, closed: new Promise((resolve) => client.once('close', resolve)) };
}

async function session(name: string, o: Partial<ExecOptions>) {
  const pair = await webSocketPair([name], name);
  const client = received(pair.client);
  const protocol = REMOTE_COMMAND_PROTOCOLS.find((p) => p.name === name)!;
  return { pair, client, streams: webSocketCommandStreams(pair.server, protocol, options(o)) };
}

describe('exec and attach over WebSocket channels', () => {
  it.each<[string, Partial<ExecOptions>, number]>([
    ['stdout when asked for', { stdout: true, stderr: true }, 1],
    ['stderr without stdout', { stderr: true, stdin: true }, 2],
    ['the error channel with only stdin', { stdin: true }, 3],
  ])('opens with an empty message on %s', async (_, o, channel) => {
    const { pair, client, streams } = await session('v5.channel.k8s.io', o);
    await streams.finish({ metadata: {}, status: 'Success' });
    await client.closed;
    expect(client.messages[0]).toEqual(Buffer.from([channel]));
    await pair.close();
  });

  it('ends with the JSON status on channel 3 and a normal close (v5)', async () => {
    const { pair, client, streams } = await session('v5.channel.k8s.io', { stdout: true });
    streams.stdout!.write('hi\n');
    await streams.finish({ metadata: {}, status: 'Success' });
    expect(await client.closed).toBe(1000);
    expect(client.messages.map((m) => m.toString('latin1'))).toEqual([
      '\x01',
      '\x01hi\n',
      '\x03{"metadata":{},"status":"Success"}',
    ]);
    await pair.close();
  });

  it('sends no status on success before v4', async () => {
    const { pair, client, streams } = await session('channel.k8s.io', { stdout: true });
    await streams.finish({ metadata: {}, status: 'Success' });
    expect(await client.closed).toBe(1000);
    expect(client.messages).toEqual([Buffer.from([1])]);
    await pair.close();
  });

  it('reads stdin, and resize events only with a TTY', async () => {
    const plain = await session('v4.channel.k8s.io', { stdin: true, stdout: true });
    expect([!!plain.streams.stdin, !!plain.streams.resize, !!plain.streams.stderr]).toEqual([true, false, false]);
    const tty = await session('v4.channel.k8s.io', { stdin: true, stdout: true, tty: true });
    expect([!!tty.streams.stdin, !!tty.streams.resize]).toEqual([true, true]);
    await plain.pair.close();
    await tty.pair.close();
  });
});
