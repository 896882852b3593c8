// Crash test of the embedded store's durability. A child process (store-writer.ts) writes from concurrent loops and
// reports every acknowledged write; it is SIGKILLed at random points, some right after opening and some while a
// snapshot is being written. After each kill the store is reopened here: every write acknowledged in any round must
// be there at its revision with its value, and the whole history must be consistent (dense, increasing revisions,
// versions and create revisions as etcd would assign them, and no value the writer did not write).

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/lab/clock.ts';
import { openEmbeddedStore } from '../../engine/store/embedded/index.ts';
import type { KeyValue, KV, WatchEvent } from '../../engine/store/kv.ts';
import { expectedValue, isWriterValue } from './crash-values.ts';

const WRITER = fileURLToPath(new URL('./store-writer.ts', import.meta.url));
const ROUNDS = 12;
/** How each round ends: after a random number of acknowledged writes, at a snapshot, or right after opening. */
const POLICIES = ['after-acks', 'on-snapshot', 'right-after-open'] as const;
type KillPolicy = (typeof POLICIES)[number];

type Ack = { kind: 'put'; key: string; revision: number; tag: string } | { kind: 'del'; key: string; revision: number };

const decoder = new TextDecoder();
const text = (kv: KeyValue | undefined): string | undefined => (kv ? decoder.decode(kv.value) : undefined);

/** A deterministic pseudo-random sequence for kill points. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function parseAck(line: string): Ack[] {
  const [kind, ...fields] = line.split(' ');
  if (kind === 'put') return [{ kind, key: fields[0]!, revision: Number(fields[1]), tag: fields[2]! }];
  if (kind === 'del') return [{ kind, key: fields[0]!, revision: Number(fields[1]) }];
  if (kind === 'txn') {
    const revision = Number(fields[0]);
    return [
      { kind: 'put', key: fields[1]!, revision, tag: fields[2]! },
      { kind: 'put', key: fields[3]!, revision, tag: fields[4]! },
    ];
  }
  return [];
}

/** Runs the writer until the policy says to kill it; returns the writes it acknowledged. */
async function runWriter(dataDir: string, round: number, policy: KillPolicy, next: () => number): Promise<Ack[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, String(round)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killAfter =
    policy === 'after-acks'
      ? 50 + Math.floor(next() * 1500)
      : policy === 'right-after-open'
        ? Math.floor(next() * 5)
        : 5000;
  const acks: Ack[] = [];
  let killed = false;
  const kill = (): void => {
    if (killed) return;
    killed = true;
    child.kill('SIGKILL');
  };
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    acks.push(...parseAck(line));
    if (line.startsWith('ready') && killAfter === 0) kill();
    if (policy === 'on-snapshot' && line.startsWith('log snapshot: writing') && acks.length > 0) kill();
    if (acks.length >= killAfter) kill();
  });
  const closed = new Promise<void>((resolve) => lines.on('close', resolve));
  const signal = await exited;
  await closed;
  if (signal !== 'SIGKILL') throw new Error(`the writer exited by itself (signal ${signal}): ${stderr}`);
  return acks;
}

/** All events from revision 2 to `until`, in order. */
function fullHistory(kv: KV, until: number): Promise<WatchEvent[]> {
  return new Promise((resolve, reject) => {
    const events: WatchEvent[] = [];
    if (until < 2) resolve(events);
    const watcher = kv.watch(
      '\0',
      { end: '\0', startRevision: 2 },
      {
        onEvents: (batch) => {
          events.push(...batch);
          if ((events.at(-1)?.kv.modRevision ?? 0) >= until) {
            watcher.cancel();
            resolve(events);
          }
        },
        onError: reject,
      },
    );
  });
}

/** Checks the history as etcd would have made it, and that the current state is its result. */
async function expectConsistent(kv: KV): Promise<void> {
  const { revision } = await kv.status();
  const events = await fullHistory(kv, revision);
  const state = new Map<string, KeyValue>();
  let previous = 1;
  for (const event of events) {
    const { kv: kv1 } = event;
    expect(kv1.modRevision === previous || kv1.modRevision === previous + 1).toBe(true);
    previous = kv1.modRevision;
    const before = state.get(kv1.key);
    if (event.type === 'delete') {
      expect(before).toBeDefined();
      state.delete(kv1.key);
      continue;
    }
    expect(isWriterValue(text(kv1)!)).toBe(true);
    expect([kv1.version, kv1.createRevision]).toEqual(
      before ? [before.version + 1, before.createRevision] : [1, kv1.modRevision],
    );
    state.set(kv1.key, kv1);
  }
  expect(previous).toBe(revision);
  const current = await kv.range('\0', { end: '\0' });
  expect(current.kvs).toEqual([...state.values()].sort((a, b) => (a.key < b.key ? -1 : 1)));
}

async function expectAcknowledged(kv: KV, acks: Ack[]): Promise<void> {
  const { revision } = await kv.status();
  for (const ack of acks) {
    expect(ack.revision).toBeLessThanOrEqual(revision);
    const at = await kv.range(ack.key, { revision: ack.revision });
    if (ack.kind === 'put') {
      expect([at.kvs[0]?.modRevision, text(at.kvs[0])]).toEqual([ack.revision, expectedValue(ack.tag)]);
    } else {
      expect(at.count).toBe(0);
      expect((await kv.range(ack.key, { revision: ack.revision - 1 })).count).toBe(1);
    }
  }
}

describe('embedded store crash safety', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write through SIGKILLs at random points, including mid-snapshot', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kubelab-crash-'));
    dirs.push(dataDir);
    const next = random(20240611);
    const acknowledged: Ack[] = [];
    let killedMidSnapshot = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const policy = POLICIES[round % POLICIES.length]!;
      acknowledged.push(...(await runWriter(dataDir, round, policy, next)));
      const names = await readdir(dataDir);
      if (names.filter((name) => name.endsWith('.log')).length > 1 || names.some((name) => name.endsWith('.tmp'))) {
        killedMidSnapshot++;
      }

      const clock = new VirtualClock();
      const store = await openEmbeddedStore({ clock, dataDir, historyRevisions: Infinity });
      try {
        await expectAcknowledged(store, acknowledged);
        await expectConsistent(store);
      } finally {
        await store.close();
        clock.dispose();
      }
    }
    expect(acknowledged.length).toBeGreaterThan(1000);
    expect(killedMidSnapshot).toBeGreaterThan(0);
  }, 60_000);
});
