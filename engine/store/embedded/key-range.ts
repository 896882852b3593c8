// etcd's key-range convention: no end means the key alone, an end of "\0" means every key from the start key on,
// any other end is exclusive. Keys compare as JavaScript strings (UTF-16 code units), which for the ASCII keys of
// Kubernetes is etcd's byte order.

/** The exclusive upper bound of a range, or null when it has none. */
export function upperBound(end: string): string | null {
  return end === '\0' ? null : end;
}

/** Whether `candidate` lies in the range [key, end) as etcd reads it. */
export function inRange(candidate: string, key: string, end: string | undefined): boolean {
  if (end === undefined) return candidate === key;
  if (candidate < key) return false;
  return end === '\0' || candidate < end;
}
