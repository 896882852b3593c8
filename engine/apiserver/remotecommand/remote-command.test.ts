import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { StreamSession, TerminalSize } from '../../node/kubelet-api.ts';
import type { CommandOutcome, CommandStatus } from './command-status.ts';
import { runRemoteCommand } from './remote-command.ts';
import type { RemoteCommandStreams } from './remote-command.ts';

function fakeSession() {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const sizes: TerminalSize[] = [];
  let exit!: (code: number) => void;
  let fail!: (error: Error) => void;
  const exited = new Promise<number>((resolve, reject) => ((exit = resolve), (fail = reject)));
  const state = { closed: false };
  const session: StreamSession = {
    stdin,
    stdout,
    stderr,
    resize: (size) => sizes.push(size),
    exited,
    close: () => (state.closed = true),
  };
  const finish = (code: number) => {
    stdout.end();
    stderr.end();
    exit(code);
  };
  return { session, stdin, stdout, stderr, sizes, state, finish, fail };
}

function collector() {
  const log: string[] = [];
  const writable = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      log.push(chunk.toString());
      callback();
    },
  });
  return { writable, log };
}

function fakeStreams(events: string[]) {
  const stdin = new PassThrough();
  const resize = new PassThrough();
  const stdout = new Writable({
    write(chunk: Buffer, _e, cb) {
      events.push(`stdout ${chunk.toString()}`);
      cb();
    },
    final(cb) {
      events.push('stdout end');
      cb();
    },
  });
  const stderr = collector();
  let leave!: () => void;
  const closed = new Promise<void>((resolve) => (leave = resolve));
  let statusSent!: (status: CommandStatus) => void;
  const status = new Promise<CommandStatus>((resolve) => (statusSent = resolve));
  const streams: RemoteCommandStreams = {
    stdin,
    stdout,
    stderr: stderr.writable,
    resize,
    closed,
    finish: async (s) => {
      events.push(`status ${s.status}`);
      statusSent(s);
    },
  };
  return { streams, stdin, resize, stderr: stderr.log, leave, status };
}

const statusOf = (outcome: CommandOutcome): CommandStatus =>
  'exitCode' in outcome
    ? { metadata: {}, status: outcome.exitCode === 0 ? 'Success' : 'Failure', message: String(outcome.exitCode) }
    : { metadata: {}, status: 'Failure', message: String(outcome.error) };

describe('running a remote command', () => {
  it('feeds the client’s input to the process and its output back, then reports how it ended', async () => {
    const events: string[] = [];
    const process = fakeSession();
    const client = fakeStreams(events);
    process.stdin.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString().toUpperCase()));
    process.stdin.on('end', () => {
      process.stderr.write('done');
      process.finish(3);
    });
    const run = runRemoteCommand(client.streams, process.session, statusOf);
    client.stdin.end('hello');
    await run;
    expect(events).toEqual(['stdout HELLO', 'stdout end', 'status Failure']);
    expect(client.stderr).toEqual(['done']);
    expect((await client.status).message).toBe('3');
  });

  it('passes resize events to the terminal', async () => {
    const process = fakeSession();
    const client = fakeStreams([]);
    const run = runRemoteCommand(client.streams, process.session, statusOf);
    client.resize.write('{"Width":80,"Height":24}');
    await new Promise((resolve) => setImmediate(resolve));
    process.finish(0);
    await run;
    expect(process.sizes).toEqual([{ width: 80, height: 24 }]);
  });

  it('ends the session when the client goes away', async () => {
    const process = fakeSession();
    const client = fakeStreams([]);
    const run = runRemoteCommand(client.streams, process.session, statusOf);
    client.leave();
    await new Promise((resolve) => setImmediate(resolve));
    expect(process.state.closed).toBe(true);
    process.finish(0);
    await run;
  });

  it('reports a session that failed', async () => {
    const process = fakeSession();
    const client = fakeStreams([]);
    const run = runRemoteCommand(client.streams, process.session, statusOf);
    process.fail(new Error('runtime gone'));
    await run;
    expect(await client.status).toEqual({ metadata: {}, status: 'Failure', message: 'Error: runtime gone' });
  });

  it('drains what the client writes when the process takes no input', async () => {
    const process = fakeSession();
    const client = fakeStreams([]);
    const run = runRemoteCommand(client.streams, { ...process.session, stdin: undefined }, statusOf);
    client.stdin.end('ignored');
    await new Promise((resolve) => client.stdin.once('end', resolve));
    process.finish(0);
    await run;
    expect((await client.status).status).toBe('Success');
  });
});
