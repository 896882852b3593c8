// The embedded store backend: etcd-semantics MVCC in memory, with an optional WAL + snapshots in a data directory.

export { EmbeddedStore, openEmbeddedStore, type EmbeddedStoreOptions } from './embedded-store.ts';
export { nodeFs, type DurableFs } from './durable-fs.ts';
