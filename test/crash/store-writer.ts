// The child process of the embedded-store crash test: opens the store in the data directory given as its first
// argument and writes from several concurrent loops until it is killed, printing one line on stdout per acknowledged
// write (`put <key> <revision> <tag>`, `del <key> <revision>`, `txn <revision> <key> <tag> <key> <tag>`), plus
// `ready <revision>` once open and `log <message>` for the store's log (snapshots). Values come from crash-values.ts.

import { VirtualClock } from '../../engine/lab/clock.ts';
import { openEmbeddedStore } from '../../engine/store/embedded/index.ts';
import { expectedValue } from './crash-values.ts';

const WRITERS = 16;
const KEYS_PER_WRITER = 40;

async function main(dataDir: string, round: string): Promise<void> {
  const encoder = new TextEncoder();
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const store = await openEmbeddedStore({
    clock: new VirtualClock(),
    dataDir,
    historyRevisions: Infinity,
    snapshotEvery: 300,
    logger: (message) => out(`log ${message}`),
  });
  out(`ready ${(await store.status()).revision}`);

  const writer = async (id: number): Promise<void> => {
    for (let seq = 0; ; seq++) {
      const key = (n: number): string => `/crash/w${id}/k${n % KEYS_PER_WRITER}`;
      const tag = (n: number): string => `r${round}w${id}s${n}`;
      if (seq % 10 === 9) {
        const { revision, deleted } = await store.delete(key(seq));
        if (deleted > 0) out(`del ${key(seq)} ${revision}`);
      } else if (seq % 10 === 5) {
        const { revision } = await store.txn({
          compare: [],
          success: [
            { type: 'put', key: key(seq), value: encoder.encode(expectedValue(tag(seq))) },
            { type: 'put', key: key(seq + 1), value: encoder.encode(expectedValue(tag(seq + 1))) },
          ],
          failure: [],
        });
        out(`txn ${revision} ${key(seq)} ${tag(seq)} ${key(seq + 1)} ${tag(seq + 1)}`);
        seq++;
      } else {
        const { revision } = await store.put(key(seq), encoder.encode(expectedValue(tag(seq))));
        out(`put ${key(seq)} ${revision} ${tag(seq)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, id) => writer(id)));
}

const [dataDir, round] = process.argv.slice(2);
if (dataDir === undefined || round === undefined) throw new Error('usage: store-writer.ts <data dir> <round>');
main(dataDir, round).catch((error: unknown) => {
  process.stderr.write(`store-writer: ${String(error)}\n`);
  process.exit(1);
});
