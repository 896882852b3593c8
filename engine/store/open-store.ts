// Opens the store a lab asks for: the embedded MVCC store (in memory, or durable in a data directory) or a real
// etcd cluster.

import type { Clock } from '../lab/clock.ts';
import { openEmbeddedStore } from './embedded/index.ts';
import { openEtcdStore } from './etcd/index.ts';
import type { KV } from './kv.ts';

export type StoreSpec = { kind: 'embedded'; dataDir?: string } | { kind: 'etcd'; endpoints: string[] };

/** Parses `--store etcd=URL[,URL…]` (or `embedded`). */
export function parseStoreSpec(text: string | undefined, dataDir: string | undefined): StoreSpec {
  if (!text || text === 'embedded') return { kind: 'embedded', dataDir };
  if (text.startsWith('etcd=')) {
    const endpoints = text
      .slice('etcd='.length)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (endpoints.length === 0) throw new Error('--store etcd= needs at least one endpoint URL');
    for (const endpoint of endpoints) {
      if (!/^https?:\/\/[^/]+/.test(endpoint)) throw new Error(`--store: not an http(s) URL: ${endpoint}`);
    }
    return { kind: 'etcd', endpoints };
  }
  throw new Error(`--store must be "embedded" or "etcd=URL[,URL…]", got ${JSON.stringify(text)}`);
}

export async function openStore(spec: StoreSpec, clock: Clock, logger?: (message: string) => void): Promise<KV> {
  if (spec.kind === 'etcd') return openEtcdStore({ endpoints: spec.endpoints });
  return openEmbeddedStore({ dataDir: spec.dataDir, clock, logger });
}
