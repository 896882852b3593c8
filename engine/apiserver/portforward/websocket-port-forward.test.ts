import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { webSocketPair } from '../httpstream/websocket/test-websocket-server.ts';
import { PORT_FORWARD_CHANNEL_PROTOCOLS } from './port-forward-protocols.ts';
import { refusedMessage, testForwarder } from './test-forwarder.ts';
import { serveWebSocketPortForward, webSocketPorts } from './websocket-port-forward.ts';

const v4 = PORT_FORWARD_CHANNEL_PROTOCOLS.find((p) => p.name === 'v4.channel.k8s.io')!;

/** Every message the client receives, by channel, until the server closes the connection. */
function channels(client: WebSocket): Promise<Map<number, Buffer[]>> {
  return new Promise((resolve) => {
    const byChannel = new Map<number, Buffer[]>();
    client.on('message', (data: Buffer) => {
      byChannel.set(data[0]!, [...(byChannel.get(data[0]!) ?? []), data.subarray(1)]);
    });
    client.once('close', () => resolve(byChannel));
  });
}

describe('port forwarding over the channel protocol', () => {
  it('opens each channel with the port, then carries the data of the data channel both ways', async () => {
    const pair = await webSocketPair(['v4.channel.k8s.io'], 'v4.channel.k8s.io');
    const received = channels(pair.client);
    const served = serveWebSocketPortForward(pair.server, v4, [80], testForwarder());
    pair.client.send(Buffer.concat([Buffer.from([0]), Buffer.from('GET /ws HTTP/1.1\r\nConnection: close\r\n\r\n')]));
    const byChannel = await received;
    await served;
    expect(byChannel.get(0)![0]).toEqual(Buffer.from([80, 0]));
    expect(byChannel.get(1)).toEqual([Buffer.from([80, 0])]);
    expect(Buffer.concat(byChannel.get(0)!.slice(1)).toString()).toBe(
      'HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\nGET /ws',
    );
    await pair.close();
  });

  it('writes the runtime’s error on the port’s error channel, then closes', async () => {
    const pair = await webSocketPair(['v4.channel.k8s.io'], 'v4.channel.k8s.io');
    const received = channels(pair.client);
    await serveWebSocketPortForward(pair.server, v4, [8080], testForwarder());
    const byChannel = await received;
    expect(byChannel.get(1)!.map((b) => b.toString('latin1'))).toEqual([
      Buffer.from([0x90, 0x1f]).toString('latin1'),
      refusedMessage(8080),
    ]);
    await pair.close();
  });

  it.each([
    [['80'], [80]],
    [
      ['80,443', '8080'],
      [80, 443, 8080],
    ],
  ])('reads the ports %j', (values, ports) => {
    expect(webSocketPorts(values)).toEqual(ports);
  });

  it.each([
    [[], 'query parameter "port" is required'],
    [[''], 'query parameter "port" cannot be empty'],
    [['http'], 'unable to parse "http" as a port: invalid syntax'],
    [['0'], 'port "0" must be > 0'],
  ])('refuses the ports %j as the kubelet does', (values, message) => {
    expect(() => webSocketPorts(values)).toThrow(message);
  });
});
