// What the etcd server's version tells this backend. etcd answers a client's progress request in order with the
// events of its watch stream only from v3.4.31 and v3.5.13 on (etcd-io/etcd#15220, #17557); before that the answer
// can overtake events still on their way, so a watcher must not be offered requestProgress.

/** Whether an etcd server of this version (e.g. "3.4.23") answers progress requests in stream order. */
export function orderedProgressRequests(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  if (major !== 3) return major > 3;
  if (minor === 4) return patch >= 31;
  if (minor === 5) return patch >= 13;
  return minor > 5;
}
