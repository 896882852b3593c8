import { describe, expect, it } from 'vitest';
import { FakeHostClient, settle } from '../testing/fake-host-client.ts';
import { StreamRouter } from './streams.ts';
import type { WatchSink } from './watch.ts';
import { watchResource } from './watch.ts';

const PODS = { group: '', version: 'v1', resource: 'pods' };

function recordingSink(): WatchSink & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    restart: () => log.push('restart'),
    event: (type, object) => log.push(`${type} ${object?.metadata?.name ?? ''}`.trim()),
    error: (e) => log.push(`error ${e.message}`),
  };
}

describe('streams', () => {
  it('hands events that arrive before the stream is known to its handler once it is', async () => {
    const client = new FakeHostClient().openStreams();
    const router = new StreamRouter(client);
    client.push('s1', { kind: 'logs', text: 'early ' });
    const seen: string[] = [];
    await router.open('logs.open', { namespace: 'default', pod: 'p' }, (e) => {
      if (e.kind === 'logs') seen.push(e.text);
    });
    client.push('s1', { kind: 'logs', text: 'late' });
    client.push('s2', { kind: 'logs', text: 'other' });
    expect(seen).toEqual(['early ', 'late']);
  });

  it('tells the host when a stream is closed, and drops its later events', async () => {
    const client = new FakeHostClient().openStreams();
    const router = new StreamRouter(client);
    const seen: string[] = [];
    const handle = await router.open('logs.open', { namespace: 'default', pod: 'p' }, (e) => {
      if (e.kind === 'logs') seen.push(e.text);
    });
    handle.close();
    client.push('s1', { kind: 'logs', text: 'after' });
    expect(client.callsOf('stream.close')).toEqual([{ stream: 's1' }]);
    expect(seen).toEqual([]);
  });
});

describe('a watch', () => {
  it('passes watch events to its sink', async () => {
    const client = new FakeHostClient().openStreams();
    const sink = recordingSink();
    watchResource(client, new StreamRouter(client), { ref: PODS }, sink);
    await settle();
    client.push('s1', { kind: 'watch', type: 'ADDED', object: { metadata: { name: 'a' } } });
    client.push('s1', { kind: 'watch', type: 'SYNCED' });
    expect(sink.log).toEqual(['ADDED a', 'SYNCED']);
    expect(client.callsOf('watch.open')).toEqual([{ ref: PODS }]);
  });

  it('restarts and opens again when the connection comes back, and not before', async () => {
    const client = new FakeHostClient().openStreams();
    const sink = recordingSink();
    watchResource(client, new StreamRouter(client), { ref: PODS, namespace: 'default' }, sink);
    await settle();
    client.setState('connecting');
    await settle();
    expect(client.callsOf('watch.open')).toHaveLength(1);
    client.setState('open');
    await settle();
    expect(client.callsOf('watch.open')).toHaveLength(2);
    client.push('s1', { kind: 'watch', type: 'ADDED', object: { metadata: { name: 'old' } } });
    client.push('s2', { kind: 'watch', type: 'ADDED', object: { metadata: { name: 'new' } } });
    expect(sink.log).toEqual(['restart', 'ADDED new']);
  });

  it('stops: closes its stream and no longer reopens', async () => {
    const client = new FakeHostClient().openStreams();
    const sink = recordingSink();
    const stop = watchResource(client, new StreamRouter(client), { ref: PODS }, sink);
    await settle();
    stop();
    client.setState('connecting');
    client.setState('open');
    await settle();
    expect(client.callsOf('watch.open')).toHaveLength(1);
    expect(client.callsOf('stream.close')).toEqual([{ stream: 's1' }]);
  });

  it('reports a failure to open', async () => {
    const client = new FakeHostClient().on('watch.open', () => {
      throw new Error('forbidden');
    });
    const sink = recordingSink();
    watchResource(client, new StreamRouter(client), { ref: PODS }, sink);
    await settle();
    expect(sink.log).toEqual(['error forbidden']);
  });
});

describe('a dropped connection', () => {
  it('ends every open stream with Disconnected', async () => {
    const client = new FakeHostClient().openStreams();
    const router = new StreamRouter(client);
    const ends: unknown[] = [];
    await router.open('logs.open', { namespace: 'default', pod: 'p' }, (e) => {
      if (e.kind === 'end') ends.push(e.error?.reason);
    });
    client.setState('connecting');
    client.push('s1', { kind: 'logs', text: 'too late' });
    expect(ends).toEqual(['Disconnected']);
  });
});
