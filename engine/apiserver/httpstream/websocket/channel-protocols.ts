// The channel WebSocket subprotocols of k8s.io/apimachinery's wsstream: every message starts with the number of the
// channel it belongs to — a byte in the binary protocols, an ASCII digit before base64 data in the base64 ones.
// The versions differ in what the error channel carries and, from v5, in a signal that half-closes a channel.

export interface ChannelProtocol {
  /** The WebSocket subprotocol; '' when the client offered none. */
  name: string;
  /** Text messages of a channel digit and base64 data, instead of binary ones. */
  base64: boolean;
  /** The client may close a channel it writes with a [255, channel] message (v5). */
  closeSignal: boolean;
  /** The error channel carries a JSON Status (v4, v5), or only the message of a failure (earlier versions). */
  jsonStatus: boolean;
}

/** The protocols of exec and attach: v5 as kube-apiserver serves it, the rest as the kubelet does. */
export const REMOTE_COMMAND_PROTOCOLS: readonly ChannelProtocol[] = [
  { name: 'v5.channel.k8s.io', base64: false, closeSignal: true, jsonStatus: true },
  { name: 'v4.channel.k8s.io', base64: false, closeSignal: false, jsonStatus: true },
  { name: 'v4.base64.channel.k8s.io', base64: true, closeSignal: false, jsonStatus: true },
  { name: 'channel.k8s.io', base64: false, closeSignal: false, jsonStatus: false },
  { name: 'base64.channel.k8s.io', base64: true, closeSignal: false, jsonStatus: false },
  { name: '', base64: false, closeSignal: false, jsonStatus: false },
];

/** The subprotocols a client offered in Sec-WebSocket-Protocol, in its order. */
export function offeredSubprotocols(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * The protocol to speak: the first of `supported` that asks to be preferred and was offered (kube-apiserver serves
 * v5 itself whenever a client offers it), else the first offered one supported, in the client's order; with nothing
 * offered, the unnamed protocol if supported. Undefined when nothing fits (the handshake is refused with 403).
 */
export function negotiateChannelProtocol(
  offered: readonly string[],
  supported: readonly ChannelProtocol[],
  preferred: readonly string[] = ['v5.channel.k8s.io'],
): ChannelProtocol | undefined {
  if (offered.length === 0) return supported.find((p) => p.name === '');
  const byName = (name: string) => supported.find((p) => p.name === name && name !== '');
  for (const name of preferred) if (offered.includes(name) && byName(name)) return byName(name);
  for (const name of offered) if (byName(name)) return byName(name);
  return undefined;
}
