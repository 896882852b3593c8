import { describe, expect, it } from 'vitest';
import { negotiateChannelProtocol } from '../httpstream/websocket/channel-protocols.ts';
import { PORT_FORWARD_CHANNEL_PROTOCOLS, tunneledStreamProtocols } from './port-forward-protocols.ts';

describe('port forwarding protocols', () => {
  it.each([
    ['kubectl 1.32’s tunnelled SPDY', ['SPDY/3.1+portforward.k8s.io'], ['portforward.k8s.io']],
    ['nothing to tunnel in channel protocols', ['v4.channel.k8s.io'], []],
    ['nothing outside Kubernetes', ['SPDY/3.1+chat.example.com'], []],
  ])('finds %s', (_, offered, expected) => {
    expect(tunneledStreamProtocols(offered)).toEqual(expected);
  });

  it.each([
    ['v4 from client-node’s list (v5 is exec’s only)', ['v5.channel.k8s.io', 'v4.channel.k8s.io'], 'v4.channel.k8s.io'],
    ['v4 base64', ['v4.base64.channel.k8s.io'], 'v4.base64.channel.k8s.io'],
    ['the unnamed protocol when none is offered', [], ''],
  ])('speaks %s', (_, offered, name) => {
    expect(negotiateChannelProtocol(offered, PORT_FORWARD_CHANNEL_PROTOCOLS, [])?.name).toBe(name);
  });

  it('refuses channel protocols the kubelet does not forward ports with', () => {
    expect(negotiateChannelProtocol(['channel.k8s.io'], PORT_FORWARD_CHANNEL_PROTOCOLS, [])).toBeUndefined();
  });
});
