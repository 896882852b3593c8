// API responses written onto a socket that was handed over for an upgrade but is answered in plain HTTP after all
// (the request was refused, or its resource does not switch protocols): JSON and raw bodies in full, streams and
// watches until they end, each closing the connection afterwards.

import type { Duplex } from 'node:stream';
import type { ApiResponse } from '../endpoints/api-request.ts';
import { writeRawResponse, writeStreamingHead } from '../httpstream/raw-http-response.ts';

const BASE_HEADERS = { 'Cache-Control': 'no-cache, private' };

export function writeSocketResponse(socket: Duplex, response: Exclude<ApiResponse, { kind: 'upgrade' }>): void {
  switch (response.kind) {
    case 'object':
      writeRawResponse(
        socket,
        response.status,
        { ...BASE_HEADERS, ...response.headers, 'Content-Type': 'application/json' },
        JSON.stringify(response.body),
      );
      return;
    case 'raw':
      writeRawResponse(
        socket,
        response.status,
        { ...BASE_HEADERS, ...response.headers, 'Content-Type': response.contentType },
        response.body,
      );
      return;
    case 'stream': {
      const { stream } = response;
      writeStreamingHead(socket, response.status, {
        ...BASE_HEADERS,
        ...response.headers,
        'Content-Type': response.contentType,
      });
      socket.once('close', () => stream.destroy());
      stream.once('error', () => socket.end());
      stream.pipe(socket);
      return;
    }
    case 'watch': {
      const { stream: events, transform } = response;
      writeStreamingHead(socket, 200, { ...BASE_HEADERS, ...response.headers, 'Content-Type': 'application/json' });
      const timer = setTimeout(() => events.close(), response.timeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        events.close();
      });
      events.attach({
        event: (event) => socket.write(JSON.stringify(transform(event)) + '\n'),
        end: () => {
          clearTimeout(timer);
          socket.end();
        },
      });
      return;
    }
  }
}
