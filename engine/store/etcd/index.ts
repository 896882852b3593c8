// The etcd backend of the store: the KV contract over a real etcd v3 cluster.

export { openEtcdStore, type EtcdStoreOptions } from './etcd-store.ts';
