import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/lab/clock.ts';
import { openEmbeddedStore } from '../../engine/store/embedded/index.ts';
import { prefixEnd } from '../../engine/store/kv.ts';
import { benchPrefix, configMapValues, countEvents, runPuts } from './store-workload.ts';

describe('the store benchmark workload', () => {
  it('makes distinct ConfigMap JSON values of exactly the size asked for', () => {
    const values = configMapValues(3, 1024);
    expect(values.map((value) => value.length)).toEqual([1024, 1024, 1024]);
    const documents = values.map((value) => JSON.parse(new TextDecoder().decode(value)) as { kind: string });
    expect(documents.map((document) => document.kind)).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap']);
    expect(new Set(values.map((value) => new TextDecoder().decode(value))).size).toBe(3);
  });

  it('makes exactly the puts asked for, cycling through the keys, and reports their rate', async () => {
    const kv = await openEmbeddedStore({ clock: new VirtualClock() });
    const before = await kv.status();
    const result = await runPuts(kv, { puts: 50, writers: 8, keys: 10, values: configMapValues(4, 200) });
    expect(result.puts).toBe(50);
    expect(result.putsPerSec).toBeGreaterThan(0);
    expect((await kv.status()).revision).toBe(before.revision + 50);
    expect((await kv.range(benchPrefix, { end: prefixEnd(benchPrefix), countOnly: true })).count).toBe(10);
    await kv.close();
  });

  it('counts the events a watcher on the prefix is delivered', async () => {
    const kv = await openEmbeddedStore({ clock: new VirtualClock() });
    const { revision } = await kv.status();
    const counter = countEvents(kv, revision + 1);
    await runPuts(kv, { puts: 30, writers: 4, keys: 5, values: configMapValues(1, 100) });
    await counter.until(30);
    expect(counter.events()).toBe(30);
    counter.watcher.cancel();
    await kv.close();
  });
});
