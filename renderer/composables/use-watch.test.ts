// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setHostClient } from '../services/host.ts';
import { FakeHostClient, settle } from '../testing/fake-host-client.ts';
import { openWatch } from './use-watch.ts';

const DECISIONS = { group: 'lab.kubelab.io', version: 'v1alpha1', resource: 'schedulingdecisions' };

describe('openWatch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    setHostClient(undefined);
  });

  it('lists a resource that cannot be watched, once', async () => {
    const client = new FakeHostClient().on('objects.list', () => ({
      items: [{ metadata: { name: 'p', namespace: 'default' } }],
      resourceVersion: '1',
    }));
    setHostClient(client);
    const watch = openWatch(DECISIONS, { watchable: false });
    await settle();
    vi.advanceTimersByTime(100);
    expect([...watch.objects.value.keys()]).toEqual(['default/p']);
    expect(watch.synced.value).toBe(true);
    expect(client.callsOf('watch.open')).toEqual([]);
  });

  it('shows why a watch failed, until it syncs again', async () => {
    let fail = true;
    const client = new FakeHostClient().openStreams().on('watch.open', () => {
      if (fail) throw new Error('forbidden');
      return { stream: 's1' };
    });
    setHostClient(client);
    const watch = openWatch(DECISIONS, { namespace: 'default' });
    await settle();
    expect(watch.error.value).toBe('forbidden');
    expect(client.callsOf('watch.open')).toEqual([{ ref: DECISIONS, namespace: 'default' }]);
    fail = false;
    client.setState('connecting');
    client.setState('open');
    await settle();
    client.push('s1', { kind: 'watch', type: 'SYNCED' });
    expect(watch.error.value).toBe('');
  });
});
