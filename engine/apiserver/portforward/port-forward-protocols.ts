// The protocols of pods/portforward: the SPDY stream protocol the kubelet speaks (`portforward.k8s.io`), the
// WebSocket subprotocols that tunnel it (`SPDY/3.1+portforward.k8s.io`, kubectl's default since 1.31), and the
// channel subprotocols of the kubelet's WebSocket port forwarding (client-node's `?ports=`).

import type { ChannelProtocol } from '../httpstream/websocket/channel-protocols.ts';

/** The one stream protocol of port forwarding over SPDY. */
export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';
export const SPDY_PORT_FORWARD_PROTOCOLS: readonly string[] = [PORT_FORWARD_PROTOCOL];

/** WebSocket subprotocols that carry SPDY start with this; the rest is the stream protocol. */
export const TUNNELING_PREFIX = 'SPDY/3.1+';
const KUBERNETES_SUFFIX = '.k8s.io';

/** The stream protocols a WebSocket client asks to tunnel (none: it asks for the channel protocol). */
export function tunneledStreamProtocols(offered: readonly string[]): string[] {
  return offered
    .filter((p) => p.startsWith(TUNNELING_PREFIX) && p.endsWith(KUBERNETES_SUFFIX))
    .map((p) => p.slice(TUNNELING_PREFIX.length));
}

/** The kubelet's channel protocols for port forwarding: data and error channel per port, no status. */
export const PORT_FORWARD_CHANNEL_PROTOCOLS: readonly ChannelProtocol[] = [
  { name: 'v4.channel.k8s.io', base64: false, closeSignal: false, jsonStatus: false },
  { name: 'v4.base64.channel.k8s.io', base64: true, closeSignal: false, jsonStatus: false },
  { name: '', base64: false, closeSignal: false, jsonStatus: false },
];
