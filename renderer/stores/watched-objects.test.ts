import { describe, expect, it } from 'vitest';
import type { KubeObjectJson } from '../../engine/protocol/host-api.ts';
import { objectKey, watchedObjects } from './watched-objects.ts';

function pod(name: string, phase = 'Pending', namespace = 'default'): KubeObjectJson {
  return { kind: 'Pod', metadata: { name, namespace }, status: { phase } };
}

function manual() {
  let scheduled = 0;
  const watched = watchedObjects(() => scheduled++);
  return { watched, scheduledCount: () => scheduled };
}

describe('watched objects', () => {
  it('keys objects by namespace and name', () => {
    expect(objectKey(pod('a'))).toBe('default/a');
    expect(objectKey({ metadata: { name: 'node-1' } })).toBe('node-1');
  });

  it('applies a burst of events in one flush, scheduled once', () => {
    const { watched, scheduledCount } = manual();
    const before = watched.objects.value;
    watched.sink.event('ADDED', pod('a'));
    watched.sink.event('ADDED', pod('b'));
    watched.sink.event('MODIFIED', pod('a', 'Running'));
    expect(scheduledCount()).toBe(1);
    expect(watched.objects.value.size).toBe(0);
    watched.flush();
    expect(watched.objects.value).not.toBe(before);
    expect([...watched.objects.value.keys()]).toEqual(['default/a', 'default/b']);
    expect(watched.objects.value.get('default/a')?.status).toEqual({ phase: 'Running' });
  });

  it('removes deleted objects and becomes synced on SYNCED', () => {
    const { watched } = manual();
    watched.sink.event('ADDED', pod('a'));
    watched.sink.event('ADDED', pod('b'));
    watched.sink.event('SYNCED', undefined);
    watched.sink.event('DELETED', pod('a'));
    expect(watched.synced.value).toBe(false);
    watched.flush();
    expect([...watched.objects.value.keys()]).toEqual(['default/b']);
    expect(watched.synced.value).toBe(true);
  });

  it('after a restart, drops on SYNCED the objects the relist did not send', () => {
    const { watched } = manual();
    watched.sink.event('ADDED', pod('a'));
    watched.sink.event('ADDED', pod('b'));
    watched.sink.event('SYNCED', undefined);
    watched.flush();
    watched.sink.restart();
    watched.sink.event('ADDED', pod('b', 'Running'));
    watched.flush();
    expect(watched.synced.value).toBe(false);
    expect(watched.objects.value.size).toBe(2);
    watched.sink.event('SYNCED', undefined);
    watched.flush();
    expect([...watched.objects.value.keys()]).toEqual(['default/b']);
    expect(watched.synced.value).toBe(true);
  });

  it('schedules again after a flush', () => {
    const { watched, scheduledCount } = manual();
    watched.sink.event('ADDED', pod('a'));
    watched.flush();
    watched.sink.event('ADDED', pod('b'));
    expect(scheduledCount()).toBe(2);
  });
});

describe('a burst of events', () => {
  it('is spread over several flushes, in order', () => {
    let scheduled = 0;
    const watched = watchedObjects(() => scheduled++, 2);
    watched.sink.event('ADDED', pod('a'));
    watched.sink.event('ADDED', pod('b'));
    watched.sink.event('DELETED', pod('a'));
    watched.sink.event('SYNCED', undefined);
    watched.flush();
    expect([...watched.objects.value.keys()]).toEqual(['default/a', 'default/b']);
    expect(watched.synced.value).toBe(false);
    expect(scheduled).toBe(2);
    watched.flush();
    expect([...watched.objects.value.keys()]).toEqual(['default/b']);
    expect(watched.synced.value).toBe(true);
    expect(scheduled).toBe(2);
  });
});
