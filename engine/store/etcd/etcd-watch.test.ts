import { EventEmitter } from 'node:events';
import type { IEvent, IWatchRequest, IWatchResponse } from 'etcd3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CompactedError, type WatchEvent, type WatchOptions } from '../kv.ts';
import type { WatchStream } from './etcd-client.ts';
import { EtcdWatch } from './etcd-watch.ts';

/** A gRPC watch stream played by the test: it records what the watch writes and emits what the test says. */
class FakeStream extends EventEmitter {
  readonly written: IWatchRequest[] = [];
  cancelled = false;
  write(request: IWatchRequest): void {
    this.written.push(request);
  }
  cancel(): void {
    this.cancelled = true;
  }
  end(): void {}
}

function response(fields: Partial<IWatchResponse>): IWatchResponse {
  return {
    header: { cluster_id: '1', member_id: '1', revision: '0', raft_term: '1' },
    watch_id: '0',
    created: false,
    canceled: false,
    compact_revision: '0',
    cancel_reason: '',
    fragment: false,
    events: [],
    ...fields,
  };
}

function put(key: string, revision: number): IEvent {
  const kv = {
    key: Buffer.from(key),
    value: Buffer.from('v'),
    create_revision: String(revision),
    mod_revision: String(revision),
    version: '1',
    lease: '0',
  };
  return { type: 'Put', kv, prev_kv: undefined as never };
}

const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });

describe('EtcdWatch', () => {
  let streams: FakeStream[];
  let batches: { events: WatchEvent[]; revision: number }[];
  let errors: Error[];
  let ended: number;

  const open = (options: WatchOptions = {}, startRevision = 5): EtcdWatch =>
    new EtcdWatch({
      client: {
        openWatchStream: async () => {
          const stream = new FakeStream();
          streams.push(stream);
          return stream as unknown as WatchStream;
        },
      },
      key: '/registry/pods/',
      options: { end: '/registry/pods0', ...options },
      startRevision,
      handler: {
        onEvents: (events, revision) => batches.push({ events, revision }),
        onError: (error) => errors.push(error),
      },
      toError: async (error) => new Error(`mapped: ${(error as Error).message}`),
      onEnd: () => ended++,
    });

  /** The stream the watch is on now, once it has opened it. */
  const current = async (): Promise<FakeStream> => {
    await vi.waitFor(() => expect(streams.length).toBeGreaterThan(0));
    return streams.at(-1)!;
  };

  beforeEach(() => {
    streams = [];
    batches = [];
    errors = [];
    ended = 0;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks etcd for the range, start revision and options it was given', async () => {
    open({ prevKv: true, progressNotify: true }, 7);
    const stream = await current();
    expect(stream.written).toEqual([
      {
        create_request: {
          key: Buffer.from('/registry/pods/'),
          range_end: Buffer.from('/registry/pods0'),
          start_revision: 7,
          prev_kv: true,
          progress_notify: true,
        },
      },
    ]);
  });

  it('splits a response holding several revisions into one batch per revision', async () => {
    open();
    const stream = await current();
    stream.emit('data', response({ created: true }));
    stream.emit(
      'data',
      response({ events: [put('/registry/pods/a', 5), put('/registry/pods/b', 6), put('/registry/pods/c', 6)] }),
    );
    expect(batches.map((batch) => [batch.revision, batch.events.map((event) => event.kv.key)])).toEqual([
      [5, ['/registry/pods/a']],
      [6, ['/registry/pods/b', '/registry/pods/c']],
    ]);
  });

  it('resumes on a new stream from the revision after the last one delivered when the stream breaks', async () => {
    open();
    const first = await current();
    first.emit('data', response({ created: true }));
    first.emit('data', response({ events: [put('/registry/pods/a', 5), put('/registry/pods/a', 6)] }));
    vi.useFakeTimers();
    first.emit('error', grpcError(14, 'Connection dropped'));
    expect(first.cancelled).toBe(true);
    await vi.runOnlyPendingTimersAsync();
    vi.useRealTimers();
    const second = await vi.waitFor(() => {
      expect(streams).toHaveLength(2);
      return streams[1]!;
    });
    expect(second.written[0]?.create_request?.start_revision).toBe(7);
    expect(errors).toEqual([]);
  });

  it('moves its resume point past a progress notification', async () => {
    open();
    const first = await current();
    first.emit('data', response({ created: true }));
    first.emit('data', response({ header: { cluster_id: '1', member_id: '1', revision: '40', raft_term: '1' } }));
    vi.useFakeTimers();
    first.emit('end');
    await vi.runOnlyPendingTimersAsync();
    vi.useRealTimers();
    await vi.waitFor(() => expect(streams).toHaveLength(2));
    expect(streams[1]?.written[0]?.create_request?.start_revision).toBe(41);
  });

  it('delivers progress notifications as empty batches only when they were asked for', async () => {
    open();
    const quiet = await current();
    quiet.emit('data', response({ header: { cluster_id: '1', member_id: '1', revision: '9', raft_term: '1' } }));
    expect(batches).toEqual([]);

    streams = [];
    open({ progressNotify: true });
    const chatty = await current();
    chatty.emit('data', response({ header: { cluster_id: '1', member_id: '1', revision: '9', raft_term: '1' } }));
    expect(batches).toEqual([{ events: [], revision: 9 }]);
  });

  it('sends a progress request once the watch is established and delivers the answer', async () => {
    const watch = open();
    const stream = await current();
    watch.requestProgress();
    expect(stream.written).toHaveLength(1);
    stream.emit('data', response({ created: true }));
    expect(stream.written[1]).toEqual({ progress_request: {} });
    stream.emit(
      'data',
      response({ watch_id: '-1', header: { cluster_id: '1', member_id: '1', revision: '12', raft_term: '1' } }),
    );
    expect(batches).toEqual([{ events: [], revision: 12 }]);
  });

  it('ends with CompactedError when etcd cancels it for compaction', async () => {
    open({}, 3);
    const stream = await current();
    stream.emit('data', response({ created: true }));
    stream.emit('data', response({ canceled: true, compact_revision: '10' }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(CompactedError);
    expect(errors[0]).toMatchObject({ requested: 3, compactRevision: 10 });
    expect(stream.cancelled).toBe(true);
    expect(ended).toBe(1);
  });

  it('ends with the mapped error when the failure is not one a new stream can cure', async () => {
    open();
    const stream = await current();
    stream.emit('error', grpcError(7, 'permission denied'));
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]?.message).toBe('mapped: 7 permission denied');
    expect(streams).toHaveLength(1);
  });

  it('gives up with the mapped error after failing to reconnect again and again', async () => {
    vi.useFakeTimers();
    open();
    for (let attempt = 0; attempt <= 8; attempt++) {
      await vi.waitFor(() => expect(streams).toHaveLength(attempt + 1));
      streams[attempt]!.emit('error', grpcError(14, 'No connection established'));
      await vi.runOnlyPendingTimersAsync();
    }
    vi.useRealTimers();
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]?.message).toBe('mapped: 14 No connection established');
    expect(streams).toHaveLength(9);
  });

  it('a cancelled watch ignores what its stream still delivers and reports nothing', async () => {
    const watch = open();
    const stream = await current();
    stream.emit('data', response({ created: true }));
    watch.cancel();
    stream.emit('data', response({ events: [put('/registry/pods/a', 5)] }));
    stream.emit('error', grpcError(1, 'Cancelled on client'));
    expect(stream.cancelled).toBe(true);
    expect(batches).toEqual([]);
    expect(errors).toEqual([]);
    expect(ended).toBe(1);
  });
});
