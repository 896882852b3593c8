// A client connection to redis-server, as the server end of a byte stream: commands read in RESP (arrays of bulk
// strings, as redis-cli and client libraries send them) or inline (a line of words, as typed through nc), and answered
// in RESP. The lab's redis keeps no data: PING, ECHO and QUIT are answered, every other command gets redis's
// unknown-command error.

import { Duplex } from 'node:stream';

/** A command taken off the front of the buffer: its words and the bytes it used; undefined while incomplete. */
export function readCommand(buffer: Buffer): { words: string[]; used: number } | undefined {
  if (buffer.length === 0) return undefined;
  if (buffer[0] !== 0x2a /* '*' */) {
    const end = buffer.indexOf('\n');
    if (end < 0) return undefined;
    const line = buffer.subarray(0, end).toString('utf8').replace(/\r$/, '');
    return { words: line.split(/\s+/).filter((w) => w !== ''), used: end + 1 };
  }
  let offset = buffer.indexOf('\r\n');
  if (offset < 0) return undefined;
  const count = Number(buffer.subarray(1, offset).toString('latin1'));
  offset += 2;
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const lineEnd = buffer.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;
    const length = Number(buffer.subarray(offset + 1, lineEnd).toString('latin1'));
    const start = lineEnd + 2;
    if (buffer.length < start + length + 2) return undefined;
    words.push(buffer.subarray(start, start + length).toString('utf8'));
    offset = start + length + 2;
  }
  return { words, used: offset };
}

function bulk(text: string): string {
  return `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
}

/** redis's answer to a command, and whether the connection closes after it. */
export function answerCommand(words: readonly string[]): { reply: string; close?: boolean } {
  const [name = '', ...args] = words;
  switch (name.toUpperCase()) {
    case 'PING':
      if (args.length > 1) return { reply: "-ERR wrong number of arguments for 'ping' command\r\n" };
      return { reply: args.length === 1 ? bulk(args[0]!) : '+PONG\r\n' };
    case 'ECHO':
      if (args.length !== 1) return { reply: "-ERR wrong number of arguments for 'echo' command\r\n" };
      return { reply: bulk(args[0]!) };
    case 'QUIT':
      return { reply: '+OK\r\n', close: true };
    default: {
      const beginning = args.map((a) => `'${a}' `).join('');
      return { reply: `-ERR unknown command '${name}', with args beginning with: ${beginning}\r\n` };
    }
  }
}

export function redisConnection(): Duplex {
  let buffer = Buffer.alloc(0);
  let closed = false;
  const connection = new Duplex({
    allowHalfOpen: true,
    read: () => undefined,
    write: (chunk: Buffer, _encoding, callback) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let command = readCommand(buffer); command && !closed; command = readCommand(buffer)) {
        buffer = buffer.subarray(command.used);
        if (command.words.length === 0) continue;
        const { reply, close } = answerCommand(command.words);
        connection.push(reply);
        if (close) {
          closed = true;
          connection.push(null);
        }
      }
      callback();
    },
    final: (callback) => {
      if (!closed) connection.push(null);
      closed = true;
      callback();
    },
  });
  return connection;
}
