import { describe, expect, it } from 'vitest';
import { answerCommand, readCommand, redisConnection } from './redis-connection.ts';

describe('redis connections', () => {
  it.each([
    ['a RESP array of bulk strings', '*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n', ['ECHO', 'hi']],
    ['an inline command', 'PING\r\n', ['PING']],
    ['an inline command ended by a bare newline', 'echo  hi\n', ['echo', 'hi']],
  ])('reads %s', (_, text, words) => {
    expect(readCommand(Buffer.from(text))).toEqual({ words, used: Buffer.byteLength(text) });
  });

  it('waits for the rest of a command split across writes', () => {
    expect(readCommand(Buffer.from('*1\r\n$4\r\nPI'))).toBeUndefined();
    expect(readCommand(Buffer.from('PING'))).toBeUndefined();
  });

  it.each([
    [['PING'], '+PONG\r\n'],
    [['ping', 'hello'], '$5\r\nhello\r\n'],
    [['ECHO', 'hé'], '$3\r\nhé\r\n'],
    [['GET', 'k'], "-ERR unknown command 'GET', with args beginning with: 'k' \r\n"],
  ])('answers %j', (words, reply) => {
    expect(answerCommand(words).reply).toBe(reply);
  });

  it('answers each command of a connection and closes after QUIT', async () => {
    const connection = redisConnection();
    let received = '';
    connection.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const ended = new Promise((resolve) => connection.on('end', resolve));
    connection.write('*1\r\n$4\r\nPING\r\nPI');
    connection.write('NG\r\nQUIT\r\nPING\r\n');
    await ended;
    expect(received).toBe('+PONG\r\n+PONG\r\n+OK\r\n');
  });
});
