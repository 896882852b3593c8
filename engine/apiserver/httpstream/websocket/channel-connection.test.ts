import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { ChannelConnection } from './channel-connection.ts';
import { REMOTE_COMMAND_PROTOCOLS } from './channel-protocols.ts';
import type { ChannelProtocol } from './channel-protocols.ts';
import { webSocketPair } from './test-websocket-server.ts';

const protocol = (name: string): ChannelProtocol => REMOTE_COMMAND_PROTOCOLS.find((p) => p.name === name)!;

function readAll(reader: Readable): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    reader.on('data', (chunk: Buffer) => (text += chunk.toString()));
    reader.on('end', () => resolve(text));
  });
}

function messages(client: WebSocket, count: number): Promise<{ data: Buffer; isBinary: boolean }[]> {
  return new Promise((resolve) => {
    const received: { data: Buffer; isBinary: boolean }[] = [];
    client.on('message', (data: Buffer, isBinary) => {
      received.push({ data, isBinary });
      if (received.length === count) resolve(received);
    });
  });
}

describe('channel connection', () => {
  it('delivers what the client writes on a read channel, and ends it at v5’s close signal', async () => {
    const pair = await webSocketPair(['v5.channel.k8s.io'], 'v5.channel.k8s.io');
    const connection = new ChannelConnection(pair.server, protocol('v5.channel.k8s.io'), [0]);
    const stdin = readAll(connection.reader(0));
    pair.client.send(Buffer.from([0, ...Buffer.from('hello ')]));
    pair.client.send(Buffer.from([7, ...Buffer.from('dropped')]));
    pair.client.send(Buffer.from([0, ...Buffer.from('world')]));
    pair.client.send(Buffer.from([255, 0]));
    pair.client.send(Buffer.from([0, ...Buffer.from('after the end')]));
    expect(await stdin).toBe('hello world');
    await pair.close();
  });

  it('ends every reader when the connection closes', async () => {
    const pair = await webSocketPair(['v4.channel.k8s.io'], 'v4.channel.k8s.io');
    const connection = new ChannelConnection(pair.server, protocol('v4.channel.k8s.io'), [0, 4]);
    const readers = Promise.all([readAll(connection.reader(0)), readAll(connection.reader(4))]);
    pair.client.send(Buffer.from([4, ...Buffer.from('{}')]));
    pair.client.close();
    expect(await readers).toEqual(['', '{}']);
    await connection.closed;
    await pair.close();
  });

  it('writes channel messages, binary or base64 text as the protocol says, and closes normally', async () => {
    for (const [name, expected] of [
      [
        'v5.channel.k8s.io',
        [
          { data: Buffer.from([1, 0x6f, 0x6b]), isBinary: true },
          { data: Buffer.from([3]), isBinary: true },
        ],
      ],
      [
        'base64.channel.k8s.io',
        [
          { data: Buffer.from('1b2s='), isBinary: false },
          { data: Buffer.from('3'), isBinary: false },
        ],
      ],
    ] as const) {
      const pair = await webSocketPair([name], name);
      const received = messages(pair.client, 2);
      const closed = new Promise((resolve) => pair.client.once('close', (code) => resolve(code)));
      const connection = new ChannelConnection(pair.server, protocol(name), []);
      connection.writer(1).write('ok');
      await connection.send(3, Buffer.alloc(0));
      connection.close();
      expect(await received).toEqual(expected);
      expect(await closed).toBe(1000);
      await pair.close();
    }
  });

  it('drops the connection on a close signal that names no single channel', async () => {
    const pair = await webSocketPair(['v5.channel.k8s.io'], 'v5.channel.k8s.io');
    const connection = new ChannelConnection(pair.server, protocol('v5.channel.k8s.io'), [0]);
    const closed = new Promise((resolve) => pair.client.once('close', (code) => resolve(code)));
    pair.client.send(Buffer.from([255, 0, 1]));
    expect(await closed).toBe(1002);
    await connection.closed;
    await pair.close();
  });
});
