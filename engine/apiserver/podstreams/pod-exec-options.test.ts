import { describe, expect, it } from 'vitest';
import { kubeletExecOptions, parsePodExecOptions, requestsAnyStream } from './pod-exec-options.ts';

const parse = (text: string, operation: 'exec' | 'attach' = 'exec') =>
  parsePodExecOptions(new URLSearchParams(text), operation);

describe('exec and attach options', () => {
  it('reads kubectl’s exec query, the command repeated', () => {
    expect(parse('command=ls&command=%2F&container=c&stderr=true&stdout=true&stdin=true&tty=false')).toEqual({
      container: 'c',
      command: ['ls', '/'],
      stdin: true,
      stdout: true,
      stderr: true,
      tty: false,
    });
  });

  it('ignores a command on attach', () => {
    expect(parse('command=ls&stdout=true', 'attach').command).toEqual([]);
  });

  it.each([
    ['keeps the streams asked for', 'stdout=true&stderr=true', { stdout: true, stderr: true, tty: false }],
    [
      'drops stderr with a TTY, as the kubelet does',
      'stdin=true&stdout=true&stderr=true&tty=true',
      { stderr: false, tty: true },
    ],
  ])('for the kubelet: %s', (_, text, expected) => {
    expect(kubeletExecOptions(parse(`command=sh&${text}`), 'web', 'exec')).toMatchObject({
      container: 'web',
      command: ['sh'],
      ...expected,
    });
  });

  it.each([
    ['no stream at all', 'command=ls'],
    ['only stderr, which a TTY drops', 'command=ls&stderr=true&tty=true'],
  ])('finds no stream with %s', (_, text) => {
    expect(requestsAnyStream(kubeletExecOptions(parse(text), 'web', 'exec'))).toBe(false);
  });

  it('finds a stream in stdin alone', () => {
    expect(requestsAnyStream(kubeletExecOptions(parse('command=ls&stdin=true'), 'web', 'exec'))).toBe(true);
  });

  it('gives an attach no command', () => {
    expect(kubeletExecOptions(parse('stdout=true', 'attach'), 'web', 'attach')).toEqual({
      container: 'web',
      stdin: false,
      stdout: true,
      stderr: false,
      tty: false,
    });
  });
});
