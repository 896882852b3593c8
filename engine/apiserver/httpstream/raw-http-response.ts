// HTTP/1.1 responses written straight onto a socket taken over for an upgrade: the answer when the upgrade is
// refused (a Status, or a handshake error as text), and the 101 that accepts a SPDY upgrade. Responses other than 101
// close the connection.

import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export type RawHeaders = Record<string, string | readonly string[]>;

function head(status: number, headers: RawHeaders): string {
  let text = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    for (const v of typeof value === 'string' ? [value] : value) text += `${name}: ${v}\r\n`;
  }
  return `${text}\r\n`;
}

/** Writes a complete response and closes the connection. */
export function writeRawResponse(socket: Duplex, status: number, headers: RawHeaders, body: string | Uint8Array): void {
  if (socket.destroyed) return;
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  socket.end(
    Buffer.concat([
      Buffer.from(head(status, { ...headers, 'Content-Length': String(length), Connection: 'close' })),
      typeof body === 'string' ? Buffer.from(body) : body,
    ]),
  );
}

/** An error as Go's http.Error writes it: the text and a newline, as plain text. */
export function writeTextError(socket: Duplex, status: number, message: string, headers: RawHeaders = {}): void {
  writeRawResponse(
    socket,
    status,
    { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers },
    `${message}\n`,
  );
}

/** The head of a response whose body runs until the connection closes (a stream answered on an upgrade socket). */
export function writeStreamingHead(socket: Duplex, status: number, headers: RawHeaders): void {
  socket.write(head(status, { ...headers, Connection: 'close' }));
}

/** Accepts a protocol switch; what follows on the socket is the new protocol. */
export function writeSwitchingProtocols(socket: Duplex, headers: RawHeaders): void {
  socket.write(head(101, { Connection: 'Upgrade', ...headers }));
}
