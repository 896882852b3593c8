// The leases of the store and the keys attached to each, as etcd's lessor keeps them. Expiry timing is not kept
// here (it belongs to the store and its clock); a lease is data: its id, its TTL, and its keys.

export interface Lease {
  readonly id: number;
  readonly ttlSeconds: number;
  readonly keys: Set<string>;
}

export class LeaseTable {
  private readonly leases = new Map<number, Lease>();
  private nextLeaseId = 1;

  /** The id the next grant without an explicit id gets. */
  get nextId(): number {
    return this.nextLeaseId;
  }

  get size(): number {
    return this.leases.size;
  }

  /** Adds a lease; ids are never reused, so the next generated id is past every id seen. */
  grant(ttlSeconds: number, id: number = this.nextLeaseId): Lease {
    const lease: Lease = { id, ttlSeconds, keys: new Set() };
    this.leases.set(id, lease);
    this.nextLeaseId = Math.max(this.nextLeaseId, id + 1);
    return lease;
  }

  /** Restores the id counter (from a snapshot). */
  advanceNextId(id: number): void {
    this.nextLeaseId = Math.max(this.nextLeaseId, id);
  }

  get(id: number): Lease | undefined {
    return this.leases.get(id);
  }

  remove(id: number): void {
    this.leases.delete(id);
  }

  attach(id: number, key: string): void {
    this.leases.get(id)?.keys.add(key);
  }

  detach(id: number, key: string): void {
    this.leases.get(id)?.keys.delete(key);
  }

  all(): IterableIterator<Lease> {
    return this.leases.values();
  }
}
