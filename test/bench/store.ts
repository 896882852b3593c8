// `npm run bench -- store [--puts N] [--writers N] [--value-bytes N] [--keys N] [--warmup N]`: the same put workload
// against the embedded store in durable mode (WAL fsync'ed before a put is acknowledged) and against a real etcd
// started here (which fsyncs its WAL too), both with their data in the same temporary directory's file system; then
// the embedded store again with a watcher on the written prefix, for the rate at which it delivers events.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { VirtualClock } from '../../engine/lab/clock.ts';
import { openEmbeddedStore } from '../../engine/store/embedded/index.ts';
import { openEtcdStore } from '../../engine/store/etcd/index.ts';
import type { KV } from '../../engine/store/kv.ts';
import { etcdAvailable, etcdBinary, startEtcd } from '../support/etcd-server.ts';
import { configMapValues, countEvents, runPuts, type PutResult, type PutWorkload } from '../support/store-workload.ts';

interface Settings {
  puts: number;
  writers: number;
  valueBytes: number;
  keys: number;
  warmup: number;
}

const defaults: Settings = { puts: 20_000, writers: 64, valueBytes: 1024, keys: 1000, warmup: 1000 };

function parseArgs(args: string[]): Settings {
  const settings = { ...defaults };
  const names: Record<string, keyof Settings> = {
    '--puts': 'puts',
    '--writers': 'writers',
    '--value-bytes': 'valueBytes',
    '--keys': 'keys',
    '--warmup': 'warmup',
  };
  for (let i = 0; i < args.length; i++) {
    const [flag = '', inline] = (args[i] ?? '').split('=', 2);
    const name = names[flag];
    if (!name) throw new Error(`store bench: unknown argument ${args[i]} (known: ${Object.keys(names).join(', ')})`);
    const value = Number(inline ?? args[++i]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`store bench: ${flag} needs a whole number`);
    settings[name] = value;
  }
  if (settings.writers < 1 || settings.puts < 1 || settings.keys < 1) {
    throw new Error('store bench: --puts, --writers and --keys must be at least 1');
  }
  return settings;
}

const log = (message: string): void => console.error(`store bench: ${message}`);
const round = (value: number, digits = 0): number => Number(value.toFixed(digits));

function summary(result: PutResult): Record<string, number> {
  return {
    putsPerSec: round(result.putsPerSec),
    seconds: round(result.seconds, 2),
    p50Ms: round(result.p50Ms, 2),
    p99Ms: round(result.p99Ms, 2),
  };
}

/** Warms the backend up, then runs the measured puts. */
async function measurePuts(name: string, kv: KV, workload: PutWorkload, warmup: number): Promise<PutResult> {
  if (warmup > 0) await runPuts(kv, { ...workload, puts: warmup });
  log(`${name}: ${workload.puts} puts of ${workload.values[0]?.length ?? 0} bytes by ${workload.writers} writers…`);
  const result = await runPuts(kv, workload);
  log(
    `${name}: ${round(result.putsPerSec)} puts/s (p50 ${round(result.p50Ms, 2)} ms, p99 ${round(result.p99Ms, 2)} ms)`,
  );
  return result;
}

/** Runs the puts with a watcher on the prefix and measures how fast it is delivered all of their events. */
async function measureWatch(name: string, kv: KV, workload: PutWorkload): Promise<Record<string, number>> {
  const { revision } = await kv.status();
  const counter = countEvents(kv, revision + 1);
  log(`${name}: ${workload.puts} puts with a watcher on the prefix…`);
  const started = performance.now();
  const [puts] = await Promise.all([runPuts(kv, workload), counter.until(workload.puts)]);
  const seconds = (performance.now() - started) / 1000;
  counter.watcher.cancel();
  const eventsPerSec = counter.events() / seconds;
  log(`${name}: the watcher was delivered ${round(eventsPerSec)} events/s`);
  return { watchEventsPerSec: round(eventsPerSec), putsPerSecWithWatcher: round(puts.putsPerSec) };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const settings = parseArgs(args);
  const workload: PutWorkload = {
    puts: settings.puts,
    writers: settings.writers,
    keys: settings.keys,
    values: configMapValues(64, settings.valueBytes),
  };
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-store-bench-'));
  try {
    const embedded = await openEmbeddedStore({ dataDir: join(dir, 'embedded'), clock: new VirtualClock() });
    let embeddedPuts: PutResult;
    let embeddedWatch: Record<string, number>;
    try {
      embeddedPuts = await measurePuts('embedded (durable)', embedded, workload, settings.warmup);
      embeddedWatch = await measureWatch('embedded (durable)', embedded, workload);
    } finally {
      await embedded.close();
    }

    let etcd: { puts: PutResult; watch: Record<string, number>; version: string } | undefined;
    if (etcdAvailable()) {
      const server = await startEtcd();
      const kv = await openEtcdStore({ endpoints: server.endpoints });
      try {
        const version = ((await (await fetch(`${server.endpoint}/version`)).json()) as { etcdserver: string })
          .etcdserver;
        log(`etcd ${version} at ${server.endpoint}`);
        const puts = await measurePuts('etcd', kv, workload, settings.warmup);
        const watch = await measureWatch('etcd', kv, workload);
        etcd = { puts, watch, version };
      } finally {
        await kv.close();
        await server.stop();
      }
    } else {
      log(`etcd is not installed at ${etcdBinary}; measuring the embedded store only`);
    }

    return {
      embeddedPutsPerSec: round(embeddedPuts.putsPerSec),
      etcdPutsPerSec: etcd ? round(etcd.puts.putsPerSec) : null,
      ratio: etcd ? round(embeddedPuts.putsPerSec / etcd.puts.putsPerSec, 2) : null,
      watchEventsPerSec: embeddedWatch.watchEventsPerSec,
      workload: { ...settings, values: 'ConfigMap JSON', durable: true },
      embedded: { ...summary(embeddedPuts), ...embeddedWatch },
      etcd: etcd ? { version: etcd.version, ...summary(etcd.puts), ...etcd.watch } : null,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
