// HTTP/1.1 requests read from the bytes of a TCP connection, as a server reads them: the request line, header lines
// up to the empty line, then a body of Content-Length bytes — one request after another on a kept-alive connection.
// Bytes that are not a request make the parser fail, as a server answers 400 and closes.

export interface ParsedRequest {
  method: string;
  /** The request target as sent (path and query). */
  target: string;
  /** "HTTP/1.1" or "HTTP/1.0". */
  version: string;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

export type ParseResult = { kind: 'request'; request: ParsedRequest } | { kind: 'incomplete' } | { kind: 'invalid' };

const HEAD_END = Buffer.from('\r\n\r\n');
/** Longest request head accepted (nginx's large_client_header_buffers: 4 × 8k). */
const MAX_HEAD_BYTES = 32 * 1024;
const REQUEST_LINE = /^([A-Z]+) (\S+) (HTTP\/1\.[01])$/;

export class HttpRequestParser {
  private buffer: Buffer = Buffer.alloc(0);

  /** Adds bytes from the connection. */
  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** Whether bytes of a request not yet complete are waiting. */
  get pending(): boolean {
    return this.buffer.length > 0;
  }

  /** The next complete request, taken off the buffer. */
  next(): ParseResult {
    const end = this.buffer.indexOf(HEAD_END);
    if (end < 0) return this.buffer.length > MAX_HEAD_BYTES ? { kind: 'invalid' } : { kind: 'incomplete' };
    const [requestLine = '', ...lines] = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
    const match = REQUEST_LINE.exec(requestLine);
    if (!match) return { kind: 'invalid' };
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) return { kind: 'invalid' };
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    if (headers['transfer-encoding'] !== undefined) return { kind: 'invalid' };
    const length = headers['content-length'] === undefined ? 0 : Number(headers['content-length']);
    if (!Number.isInteger(length) || length < 0) return { kind: 'invalid' };
    const bodyStart = end + HEAD_END.length;
    if (this.buffer.length < bodyStart + length) return { kind: 'incomplete' };
    const body = Buffer.from(this.buffer.subarray(bodyStart, bodyStart + length));
    this.buffer = this.buffer.subarray(bodyStart + length);
    return {
      kind: 'request',
      request: { method: match[1]!, target: match[2]!, version: match[3]!, headers, body },
    };
  }
}

/** Whether the connection stays open after this request's response (HTTP/1.1 unless "close"; 1.0 if "keep-alive"). */
export function keepsAlive(request: Pick<ParsedRequest, 'version' | 'headers'>): boolean {
  const connection = (request.headers['connection'] ?? '').toLowerCase();
  if (request.version === 'HTTP/1.0') return connection.includes('keep-alive');
  return !connection.includes('close');
}
